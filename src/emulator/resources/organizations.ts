/** Organizations, their members and member roles, enabled connections and invitations. */
import { conflict } from '../errors.js';
import { type HandlerTable, must, noContent, ok, stringArray } from '../handler.js';
import { paginate, project } from '../pagination.js';
import { type Json, type Tenant, now } from '../tenant.js';
import { keepsNextOnLastPage } from '../observed.js';

const org = (tenant: Tenant, id: string) => must(tenant.organizations.get(id), 'organization', 'inexistent_organization');
const members = (tenant: Tenant, id: string) => tenant.orgMembers.get(id) ?? new Map<string, Set<string>>();

export const organizationHandlers: HandlerTable = {
  get_organizations: ({ tenant, query }) => ok(paginate([...tenant.organizations.values()], query, { key: 'organizations', checkpoint: true, offset: true, maxResults: 1000 })),
  get_organizations_by_id: ({ tenant, params }) => ok(org(tenant, params.id!)),
  get_name_by_name: ({ tenant, params }) => ok(must([...tenant.organizations.values()].find((o) => o.name === params.name), 'organization', 'inexistent_organization')),
  post_organizations: ({ tenant, body }) => {
    if ([...tenant.organizations.values()].some((o) => o.name === body.name)) throw conflict('An organization with this name already exists.', 'organization_conflict');
    const id = tenant.newId('org_');
    const { enabled_connections: enabled, ...rest } = body;
    const organization: Json = { id, ...rest };
    tenant.organizations.set(id, organization);
    tenant.orgMembers.set(id, new Map());
    tenant.orgInvitations.set(id, new Map());
    tenant.orgConnections.set(id, new Map(((enabled as Json[] | undefined) ?? []).map((c) => [String(c.connection_id), { assign_membership_on_login: false, ...c }])));
    // The created organization comes back with the connections it was created with (CreateOrganizationResponseContent).
    const connections = [...tenant.orgConnections.get(id)!.values()];
    return ok({ ...organization, ...(connections.length ? { enabled_connections: connections.map((c) => ({ ...c })) } : {}) }, 201);
  },
  patch_organizations_by_id: ({ tenant, params, body }) => ok(Object.assign(org(tenant, params.id!), body)),
  delete_organizations_by_id: ({ tenant, params }) => {
    org(tenant, params.id!);
    for (const map of [tenant.organizations, tenant.orgMembers, tenant.orgConnections, tenant.orgInvitations] as Array<Map<string, unknown>>) map.delete(params.id!);
    return noContent();
  },
  get_organization_members: ({ tenant, params, query, route }) => {
    org(tenant, params.id!);
    const wantsRoles = (query.get('fields') ?? '').split(',').includes('roles');
    const list = [...members(tenant, params.id!).entries()].map(([userId, roles]) => {
      const u = tenant.users.get(userId)!;
      const member: Json = { user_id: u.user_id, email: u.email, picture: u.picture, name: u.name };
      // Roles are opt-in through fields=roles (FACTS A6).
      if (wantsRoles) member.roles = [...roles].map((id) => ({ id, name: tenant.roles.get(id)?.name }));
      return project(member, query);
    });
    return ok(paginate(list, query, { key: 'members', checkpoint: true, offset: true, maxResults: 1000, nextOnLastPage: keepsNextOnLastPage(route) }));
  },
  post_members: ({ tenant, params, body }) => {
    org(tenant, params.id!);
    const map = members(tenant, params.id!);
    for (const userId of stringArray(body.members, 'members')) {
      must(tenant.users.get(userId), `user ${userId}`, 'inexistent_user');
      if (!map.has(userId)) map.set(userId, new Set());
    }
    tenant.orgMembers.set(params.id!, map);
    return noContent();
  },
  delete_members: ({ tenant, params, body }) => {
    for (const userId of stringArray(body.members, 'members')) members(tenant, params.id!).delete(userId);
    return noContent();
  },
  get_organization_member_roles: ({ tenant, params, query }) => {
    const roles = members(tenant, params.id!).get(params.user_id!);
    must(roles, 'member', 'inexistent_member');
    return ok(paginate([...roles!].map((id) => tenant.roles.get(id)).filter(Boolean), query, { key: 'roles' }));
  },
  post_organization_member_roles: ({ tenant, params, body }) => {
    const roles = must(members(tenant, params.id!).get(params.user_id!), 'member', 'inexistent_member');
    for (const id of stringArray(body.roles, 'roles')) roles.add(must(tenant.roles.has(id) ? id : undefined, `role ${id}`));
    return noContent();
  },
  delete_organization_member_roles: ({ tenant, params, body }) => {
    const roles = members(tenant, params.id!).get(params.user_id!);
    for (const id of stringArray(body.roles, 'roles')) roles?.delete(id);
    return noContent();
  },
  get_enabled_connections: ({ tenant, params, query }) => {
    org(tenant, params.id!);
    const list = [...(tenant.orgConnections.get(params.id!)?.values() ?? [])].map((c) => withConnection(tenant, c));
    return ok(paginate(list, query, { key: 'enabled_connections' }));
  },
  get_enabled_connections_by_connectionId: ({ tenant, params }) =>
    ok(withConnection(tenant, must(tenant.orgConnections.get(params.id!)?.get(params.connectionId!), 'enabled connection'))),
  post_enabled_connections: ({ tenant, params, body }) => {
    org(tenant, params.id!);
    must(tenant.connections.get(String(body.connection_id)), 'connection', 'inexistent_connection');
    const entry: Json = { assign_membership_on_login: false, ...body };
    tenant.orgConnections.get(params.id!)!.set(String(body.connection_id), entry);
    return ok(withConnection(tenant, entry), 201);
  },
  patch_enabled_connections_by_connectionId: ({ tenant, params, body }) => {
    const entry = must(tenant.orgConnections.get(params.id!)?.get(params.connectionId!), 'enabled connection');
    return ok(withConnection(tenant, Object.assign(entry, body)));
  },
  delete_enabled_connections_by_connectionId: ({ tenant, params }) => {
    tenant.orgConnections.get(params.id!)?.delete(params.connectionId!);
    return noContent();
  },
  get_invitations: ({ tenant, params, query }) => {
    org(tenant, params.id!);
    const list = [...(tenant.orgInvitations.get(params.id!)?.values() ?? [])].map((i) => project(i, query));
    // Auth0 does not yet return a total here (FACTS A2).
    const page = paginate(list, query, { key: 'invitations' });
    if (!Array.isArray(page)) delete (page as Json).total;
    return ok(page);
  },
  get_invitations_by_invitation_id: ({ tenant, params, query }) =>
    ok(project(must(tenant.orgInvitations.get(params.id!)?.get(params.invitation_id!), 'invitation', 'inexistent_invitation'), query)),
  post_invitations: ({ tenant, params, body }) => {
    org(tenant, params.id!);
    const id = tenant.newId('uinv_');
    const created = now();
    const invitation: Json = {
      id, organization_id: params.id, ...body, created_at: created,
      expires_at: new Date(Date.parse(created) + Number(body.ttl_sec ?? 604_800) * 1000).toISOString(),
      invitation_url: `https://emulator.acme.test/login?invitation=${id}`, ticket_id: tenant.newId('tkt_'),
    };
    tenant.orgInvitations.get(params.id!)!.set(id, invitation);
    return ok(invitation, 201);
  },
  delete_invitations_by_invitation_id: ({ tenant, params }) => {
    tenant.orgInvitations.get(params.id!)?.delete(params.invitation_id!);
    return noContent();
  },
};

function withConnection(tenant: Tenant, entry: Json): Json {
  const connection = tenant.connections.get(String(entry.connection_id));
  return { ...entry, connection: connection ? { name: connection.name, strategy: connection.strategy } : undefined };
}
