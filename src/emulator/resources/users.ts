/** Users (FACTS A3): search, by email, CRUD, and a user's roles, permissions, organizations and logs. */
import { badRequest, conflict } from '../errors.js';
import { type HandlerTable, must, noContent, ok, stringArray } from '../handler.js';
import { paginate, project } from '../pagination.js';
import { parseUserQuery, sortUsers } from '../user-search.js';
import { type Json, type Permission, now } from '../tenant.js';
import { specIndex } from '../spec-index.js';
import { addPermissions, removePermissions } from './permissions.js';

// Auth0 checks `fields` against the user profile's properties (FACTS A6): those the spec lists.
// Read on first use: loading this module does not load the spec.
let userFields: Set<string> | undefined;
const profileFields = (): Set<string> => (userFields ??= new Set(Object.keys(specIndex().doc.components.schemas.UserResponseSchema?.properties ?? {})));

export const userHandlers: HandlerTable = {
  get_users: ({ tenant, query }) => {
    const engine = query.get('search_engine');
    if (query.has('q') && engine && engine !== 'v3') throw badRequest(`You are not allowed to use search_engine=${engine}. Use search_engine=v3 instead.`, 'invalid_query_string');
    let users = [...tenant.users.values()];
    const q = query.get('q');
    if (q) users = users.filter(parseUserQuery(q));
    const connection = query.get('connection');
    if (connection) users = users.filter((u) => (u.identities as Json[]).some((i) => i.connection === connection));
    users = sortUsers(users, query.get('sort'));
    return ok(paginate(users.map((u) => project(u, query, profileFields())), query, { key: 'users', withLength: true, maxResults: 1000 }));
  },
  'get_users-by-email': ({ tenant, query }) => {
    const email = query.get('email');
    if (!email) throw badRequest("Query validation error: Missing required property: email", 'invalid_query_string');
    return ok([...tenant.users.values()].filter((u) => u.email === email).map((u) => project(u, query, profileFields())));
  },
  get_users_by_id: ({ tenant, params, query }) => ok(project(must(tenant.users.get(params.id!), 'user', 'inexistent_user'), query, profileFields())),
  post_users: ({ tenant, body }) => {
    const connection = [...tenant.connections.values()].find((c) => c.name === body.connection);
    if (!connection) throw badRequest('The connection does not exist.', 'inexistent_connection');
    const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
    if (email && [...tenant.users.values()].some((u) => u.email === email && (u.identities as Json[])[0]?.connection === connection.name)) {
      throw conflict('The user already exists.', 'auth0_idp_error');
    }
    const provider = connection.strategy === 'auth0' ? 'auth0' : String(connection.strategy);
    const raw = typeof body.user_id === 'string' ? body.user_id : tenant.newId('', 24);
    const user_id = `${provider}|${raw}`;
    if (tenant.users.has(user_id)) throw conflict('The user already exists.', 'auth0_idp_error');
    const stamp = now();
    const { password: _password, connection: _connection, verify_email: _verify, ...profile } = body;
    const user: Json = {
      ...profile, user_id, ...(email ? { email } : {}), email_verified: Boolean(body.email_verified), created_at: stamp, updated_at: stamp,
      identities: [{ connection: connection.name, provider, user_id: raw, isSocial: false }],
      app_metadata: body.app_metadata ?? {}, user_metadata: body.user_metadata ?? {}, logins_count: 0,
      name: body.name ?? email ?? raw, nickname: body.nickname ?? (email ? email.split('@')[0] : raw), picture: body.picture ?? 'https://avatars.acme.test/default.png',
    };
    tenant.users.set(user_id, user);
    return ok(user, 201);
  },
  patch_users_by_id: ({ tenant, params, body }) => {
    const user = must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    const { password: _password, connection: _connection, app_metadata, user_metadata, ...rest } = body;
    Object.assign(user, rest, { updated_at: now() });
    // Metadata is merged one level deep, and a null value removes a key, as Auth0 does.
    for (const [key, patch] of [['app_metadata', app_metadata], ['user_metadata', user_metadata]] as const) {
      if (patch === undefined) continue;
      const merged = { ...(user[key] as Json ?? {}), ...(patch as Json ?? {}) };
      for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
      user[key] = merged;
    }
    if (typeof rest.email === 'string') user.email = rest.email.toLowerCase();
    return ok(user);
  },
  delete_users_by_id: ({ tenant, params }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    tenant.users.delete(params.id!);
    tenant.userRoles.delete(params.id!);
    tenant.userPermissions.delete(params.id!);
    for (const members of tenant.orgMembers.values()) members.delete(params.id!);
    return noContent();
  },
  get_user_roles: ({ tenant, params, query }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    const roles = [...(tenant.userRoles.get(params.id!) ?? [])].map((id) => tenant.roles.get(id)).filter(Boolean);
    return ok(paginate(roles, query, { key: 'roles' }));
  },
  post_user_roles: ({ tenant, params, body }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    const ids = stringArray(body.roles, 'roles');
    for (const id of ids) must(tenant.roles.get(id), `role ${id}`);
    const set = tenant.userRoles.get(params.id!) ?? new Set<string>();
    ids.forEach((id) => set.add(id));
    tenant.userRoles.set(params.id!, set);
    return noContent();
  },
  delete_user_roles: ({ tenant, params, body }) => {
    const ids = stringArray(body.roles, 'roles');
    const set = tenant.userRoles.get(params.id!);
    ids.forEach((id) => set?.delete(id));
    return noContent();
  },
  get_permissions: ({ tenant, params, query }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    // Direct grants and those through the user's roles, one entry per permission with all its sources (spec/overlays: UserPermissionSchema.sources).
    const merged = new Map<string, Json>();
    const add = (p: Permission, source: Json) => {
      const key = `${p.resource_server_identifier}\u0000${p.permission_name}`;
      const entry = merged.get(key) ?? { ...p, ...resourceServerName(tenant, p), description: permissionDescription(tenant, p), sources: [] };
      (entry.sources as Json[]).push(source);
      merged.set(key, entry);
    };
    for (const p of tenant.userPermissions.get(params.id!) ?? []) add(p, { source_id: '', source_name: '', source_type: 'DIRECT' });
    for (const roleId of tenant.userRoles.get(params.id!) ?? []) {
      const role = tenant.roles.get(roleId);
      for (const p of tenant.rolePermissions.get(roleId) ?? []) add(p, { source_id: roleId, source_name: String(role?.name ?? ''), source_type: 'ROLE' });
    }
    return ok(paginate([...merged.values()], query, { key: 'permissions' }));
  },
  post_permissions: ({ tenant, params, body }) => {
    must(tenant.users.get(params.id!), 'user', 'inexistent_user');
    tenant.userPermissions.set(params.id!, addPermissions(tenant.userPermissions.get(params.id!) ?? [], body.permissions));
    return ok(undefined, 201);
  },
  delete_permissions: ({ tenant, params, body }) => {
    tenant.userPermissions.set(params.id!, removePermissions(tenant.userPermissions.get(params.id!) ?? [], body.permissions));
    return noContent();
  },
  get_user_organizations: ({ tenant, params, query }) => {
    const orgs = [...tenant.orgMembers.entries()].filter(([, m]) => m.has(params.id!)).map(([id]) => tenant.organizations.get(id));
    return ok(paginate(orgs, query, { key: 'organizations' }));
  },
  // Users who logged in during the last 30 days.
  'get_active-users': ({ tenant }) => {
    const since = Date.now() - 30 * 86_400_000;
    return ok([...tenant.users.values()].filter((u) => typeof u.last_login === 'string' && Date.parse(u.last_login) >= since).length);
  },
  get_logs_by_user: ({ tenant, params, query }) => {
    const logs = tenant.logs.filter((l) => l.user_id === params.id).reverse();
    return ok(paginate(logs, query, { key: 'logs', withLength: true }));
  },
};

/** The description the API gives the scope, as Auth0 returns it with each permission. */
function permissionDescription(tenant: { resourceServers: Map<string, Json> }, p: Permission): string {
  const api = [...tenant.resourceServers.values()].find((r) => r.identifier === p.resource_server_identifier);
  const scope = (api?.scopes as Array<{ value: string; description?: string }> | undefined)?.find((s) => s.value === p.permission_name);
  return scope?.description ?? '';
}

function resourceServerName(tenant: { resourceServers: Map<string, Json> }, p: Permission): Json {
  const api = [...tenant.resourceServers.values()].find((r) => r.identifier === p.resource_server_identifier);
  return api ? { resource_server_name: api.name } : {};
}
