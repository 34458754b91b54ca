/** Roles, their permissions, and their users (checkpoint or offset paged). */
import { conflict } from '../errors.js';
import { type HandlerTable, must, noContent, ok, stringArray } from '../handler.js';
import { paginate } from '../pagination.js';
import type { Json } from '../tenant.js';
import { addPermissions, removePermissions } from './permissions.js';

export const roleHandlers: HandlerTable = {
  get_roles: ({ tenant, query }) => {
    const filter = query.get('name_filter')?.toLowerCase();
    const roles = [...tenant.roles.values()].filter((r) => !filter || String(r.name).toLowerCase().includes(filter));
    return ok(paginate(roles, query, { key: 'roles' }));
  },
  get_roles_by_id: ({ tenant, params }) => ok(must(tenant.roles.get(params.id!), 'role')),
  post_roles: ({ tenant, body }) => {
    if ([...tenant.roles.values()].some((r) => r.name === body.name)) throw conflict('Role name already exists.', 'role_name_exists');
    const id = tenant.newId('rol_');
    const role: Json = { id, name: body.name, description: body.description ?? '' };
    tenant.roles.set(id, role);
    tenant.rolePermissions.set(id, []);
    return ok(role, 200);
  },
  patch_roles_by_id: ({ tenant, params, body }) => {
    const role = must(tenant.roles.get(params.id!), 'role');
    Object.assign(role, body);
    return ok(role);
  },
  delete_roles_by_id: ({ tenant, params }) => {
    must(tenant.roles.get(params.id!), 'role');
    tenant.roles.delete(params.id!);
    tenant.rolePermissions.delete(params.id!);
    for (const set of tenant.userRoles.values()) set.delete(params.id!);
    for (const members of tenant.orgMembers.values()) for (const set of members.values()) set.delete(params.id!);
    return noContent();
  },
  get_role_permission: ({ tenant, params, query }) => {
    must(tenant.roles.get(params.id!), 'role');
    const list = (tenant.rolePermissions.get(params.id!) ?? []).map((p) => ({
      ...p, resource_server_name: [...tenant.resourceServers.values()].find((r) => r.identifier === p.resource_server_identifier)?.name ?? '',
      description: p.permission_name.replace(':', ' '),
    }));
    return ok(paginate(list, query, { key: 'permissions' }));
  },
  post_role_permission_assignment: ({ tenant, params, body }) => {
    must(tenant.roles.get(params.id!), 'role');
    tenant.rolePermissions.set(params.id!, addPermissions(tenant.rolePermissions.get(params.id!) ?? [], body.permissions));
    return ok(undefined, 201);
  },
  delete_role_permission_assignment: ({ tenant, params, body }) => {
    tenant.rolePermissions.set(params.id!, removePermissions(tenant.rolePermissions.get(params.id!) ?? [], body.permissions));
    return noContent();
  },
  get_role_user: ({ tenant, params, query }) => {
    must(tenant.roles.get(params.id!), 'role');
    const users = [...tenant.userRoles.entries()].filter(([, set]) => set.has(params.id!)).map(([userId]) => {
      const u = tenant.users.get(userId)!;
      return { user_id: u.user_id, email: u.email, picture: u.picture, name: u.name };
    });
    return ok(paginate(users, query, { key: 'users', checkpoint: true, offset: true, maxResults: 1000 }));
  },
  post_role_users: ({ tenant, params, body }) => {
    must(tenant.roles.get(params.id!), 'role');
    for (const userId of stringArray(body.users, 'users')) {
      must(tenant.users.get(userId), `user ${userId}`, 'inexistent_user');
      const set = tenant.userRoles.get(userId) ?? new Set<string>();
      set.add(params.id!);
      tenant.userRoles.set(userId, set);
    }
    return ok(undefined, 201);
  },
};
