/**
 * One call of every hand-modelled operation, in an order where each finds what it needs (ids
 * captured from earlier answers). Run over REST against the emulator's schemas, and over GraphQL
 * through the gateway.
 */
export type Step = [operationId: string, method: string, path: () => string, body?: () => unknown, form?: () => FormData];

export function handModelledSteps(ids: Record<string, string>): Step[] {
  const enc = encodeURIComponent;
  return [
    ['get_clients', 'GET', () => '/clients?per_page=3&include_totals=true&fields=client_id,name,app_type'],
    ['post_clients', 'POST', () => '/clients', () => ({ name: 'Schema App', app_type: 'spa' })],
    ['get_users', 'GET', () => '/users?per_page=5&include_totals=true&q=email%3A*example.com&search_engine=v3&sort=created_at%3A1'],
    ['post_users', 'POST', () => '/users', () => ({ connection: 'Username-Password-Authentication', email: 'schema@example.com', password: 'Passw0rd!x', user_metadata: { a: 1 } })],
    ['get_users-by-email', 'GET', () => '/users-by-email?email=schema%40example.com'],
    ['get_users_by_id', 'GET', () => `/users/${enc(ids.user!)}`],
    ['patch_users_by_id', 'PATCH', () => `/users/${enc(ids.user!)}`, () => ({ name: 'Schema Person', app_metadata: { plan: 'pro' } })],
    ['post_roles', 'POST', () => '/roles', () => ({ name: 'Schema Role', description: 'for the schema test' })],
    ['get_roles', 'GET', () => '/roles?per_page=3&include_totals=true'],
    ['get_roles_by_id', 'GET', () => `/roles/${ids.role}`],
    ['patch_roles_by_id', 'PATCH', () => `/roles/${ids.role}`, () => ({ description: 'changed' })],
    ['post_role_permission_assignment', 'POST', () => `/roles/${ids.role}/permissions`, () => ({ permissions: [{ resource_server_identifier: 'https://api.acme.test/orders', permission_name: 'read:orders' }] })],
    ['get_role_permission', 'GET', () => `/roles/${ids.role}/permissions?include_totals=true`],
    ['delete_role_permission_assignment', 'DELETE', () => `/roles/${ids.role}/permissions`, () => ({ permissions: [{ resource_server_identifier: 'https://api.acme.test/orders', permission_name: 'read:orders' }] })],
    ['post_role_users', 'POST', () => `/roles/${ids.role}/users`, () => ({ users: [ids.user] })],
    ['get_role_user', 'GET', () => `/roles/${ids.role}/users?take=10`],
    ['post_user_roles', 'POST', () => `/users/${enc(ids.user!)}/roles`, () => ({ roles: [ids.role] })],
    ['get_user_roles', 'GET', () => `/users/${enc(ids.user!)}/roles?include_totals=true`],
    ['delete_user_roles', 'DELETE', () => `/users/${enc(ids.user!)}/roles`, () => ({ roles: [ids.role] })],
    ['post_permissions', 'POST', () => `/users/${enc(ids.user!)}/permissions`, () => ({ permissions: [{ resource_server_identifier: 'https://api.acme.test/orders', permission_name: 'read:orders' }] })],
    ['get_permissions', 'GET', () => `/users/${enc(ids.user!)}/permissions`],
    ['delete_permissions', 'DELETE', () => `/users/${enc(ids.user!)}/permissions`, () => ({ permissions: [{ resource_server_identifier: 'https://api.acme.test/orders', permission_name: 'read:orders' }] })],
    ['get_connections', 'GET', () => '/connections?take=2'],
    ['post_connections', 'POST', () => '/connections', () => ({ name: 'schema-db', strategy: 'auth0' })],
    ['get_connections_by_id', 'GET', () => `/connections/${ids.connection}`],
    ['patch_connections_by_id', 'PATCH', () => `/connections/${ids.connection}`, () => ({ display_name: 'Schema DB' })],
    ['get_connection_clients', 'GET', () => `/connections/${ids.seedConnection}/clients?take=5`],
    ['patch_clients', 'PATCH', () => `/connections/${ids.connection}/clients`, () => [{ client_id: ids.client, status: true }]],
    ['delete_users_by_email', 'DELETE', () => `/connections/${ids.connection}/users?email=nobody%40example.com`],
    ['post_organizations', 'POST', () => '/organizations', () => ({ name: 'schema-org', display_name: 'Schema Org' })],
    ['get_organizations', 'GET', () => '/organizations?take=3'],
    ['get_organizations_by_id', 'GET', () => `/organizations/${ids.org}`],
    ['get_name_by_name', 'GET', () => '/organizations/name/schema-org'],
    ['patch_organizations_by_id', 'PATCH', () => `/organizations/${ids.org}`, () => ({ display_name: 'Schema Org 2' })],
    ['post_members', 'POST', () => `/organizations/${ids.org}/members`, () => ({ members: [ids.user] })],
    ['get_organization_members', 'GET', () => `/organizations/${ids.org}/members?include_totals=true&fields=user_id,email,roles`],
    ['post_organization_member_roles', 'POST', () => `/organizations/${ids.org}/members/${enc(ids.user!)}/roles`, () => ({ roles: [ids.role] })],
    ['get_organization_member_roles', 'GET', () => `/organizations/${ids.org}/members/${enc(ids.user!)}/roles`],
    ['delete_organization_member_roles', 'DELETE', () => `/organizations/${ids.org}/members/${enc(ids.user!)}/roles`, () => ({ roles: [ids.role] })],
    ['post_enabled_connections', 'POST', () => `/organizations/${ids.org}/enabled_connections`, () => ({ connection_id: ids.connection, assign_membership_on_login: true })],
    ['get_enabled_connections', 'GET', () => `/organizations/${ids.org}/enabled_connections`],
    ['get_enabled_connections_by_connectionId', 'GET', () => `/organizations/${ids.org}/enabled_connections/${ids.connection}`],
    ['patch_enabled_connections_by_connectionId', 'PATCH', () => `/organizations/${ids.org}/enabled_connections/${ids.connection}`, () => ({ assign_membership_on_login: false })],
    ['delete_enabled_connections_by_connectionId', 'DELETE', () => `/organizations/${ids.org}/enabled_connections/${ids.connection}`],
    ['post_invitations', 'POST', () => `/organizations/${ids.org}/invitations`, () => ({ inviter: { name: 'Ada' }, invitee: { email: 'guest@example.com' }, client_id: ids.client })],
    ['get_invitations', 'GET', () => `/organizations/${ids.org}/invitations?include_totals=true`],
    ['get_invitations_by_invitation_id', 'GET', () => `/organizations/${ids.org}/invitations/${ids.invitation}`],
    ['delete_invitations_by_invitation_id', 'DELETE', () => `/organizations/${ids.org}/invitations/${ids.invitation}`],
    ['delete_members', 'DELETE', () => `/organizations/${ids.org}/members`, () => ({ members: [ids.user] })],
    ['get_user_organizations', 'GET', () => `/users/${enc(ids.seedUser!)}/organizations`],
    ['get_logs_by_user', 'GET', () => `/users/${enc(ids.seedUser!)}/logs?per_page=2&include_totals=true`],
    ['get_clients_by_id', 'GET', () => `/clients/${ids.client}`],
    ['patch_clients_by_id', 'PATCH', () => `/clients/${ids.client}`, () => ({ description: 'changed' })],
    ['post_rotate-secret', 'POST', () => `/clients/${ids.client}/rotate-secret`],
    ['post_resource-servers', 'POST', () => '/resource-servers', () => ({ name: 'Schema API', identifier: 'https://schema.test/api', scopes: [{ value: 'read:x', description: 'read x' }] })],
    ['get_resource-servers', 'GET', () => '/resource-servers?identifiers=https%3A%2F%2Fschema.test%2Fapi'],
    ['get_resource-servers_by_id', 'GET', () => `/resource-servers/${enc('https://schema.test/api')}`],
    ['patch_resource-servers_by_id', 'PATCH', () => `/resource-servers/${ids.api}`, () => ({ token_lifetime: 3600 })],
    ['post_client-grants', 'POST', () => '/client-grants', () => ({ client_id: ids.client, audience: 'https://schema.test/api', scope: ['read:x'] })],
    ['get_client-grants', 'GET', () => '/client-grants?take=5'],
    ['get_client-grant', 'GET', () => `/client-grants/${ids.grant}`],
    ['patch_client-grants_by_id', 'PATCH', () => `/client-grants/${ids.grant}`, () => ({ scope: [] })],
    ['delete_client-grants_by_id', 'DELETE', () => `/client-grants/${ids.grant}`],
    ['get_logs', 'GET', () => '/logs?per_page=3&include_totals=true'],
    ['get_triggers', 'GET', () => '/actions/triggers'],
    ['get_user-blocks_by_id', 'GET', () => `/user-blocks/${enc(ids.seedUser!)}`],
    ['get_user-blocks', 'GET', () => '/user-blocks?identifier=someone%40example.com'],
    ['delete_user-blocks_by_id', 'DELETE', () => `/user-blocks/${enc(ids.seedUser!)}`],
    ['delete_user-blocks', 'DELETE', () => '/user-blocks?identifier=someone%40example.com'],
    ['get_status', 'GET', () => `/connections/${ids.seedConnection}/status`],
    // Keys, SCIM and the default mappings need an enterprise connection (the seeded SAML one) and, for
    // directory provisioning, a Google Workspace one (ids.enterprise, ids.workspace: set up by the caller).
    ['get_keys', 'GET', () => `/connections/${ids.enterprise}/keys`],
    ['post_keys', 'POST', () => `/connections/${ids.enterprise}/keys`, () => ({ signing_alg: 'RS256' })],
    ['post_rotate', 'POST', () => `/connections/${ids.enterprise}/keys/rotate`, () => ({})],
    ['get_default-mapping', 'GET', () => `/connections/${ids.enterprise}/scim-configuration/default-mapping`],
    ['post_scim-configuration', 'POST', () => `/connections/${ids.enterprise}/scim-configuration`, () => ({ user_id_attribute: 'externalId' })],
    ['get_scim-configuration', 'GET', () => `/connections/${ids.enterprise}/scim-configuration`],
    ['patch_scim-configuration', 'PATCH', () => `/connections/${ids.enterprise}/scim-configuration`, () => ({ user_id_attribute: 'userName', mapping: [{ auth0: 'email', scim: 'emails[primary eq true].value' }] })],
    ['post_scim_token', 'POST', () => `/connections/${ids.enterprise}/scim-configuration/tokens`, () => ({ scopes: ['get:users', 'post:users'], token_lifetime: 3600 })],
    ['get_scim_tokens', 'GET', () => `/connections/${ids.enterprise}/scim-configuration/tokens`],
    ['delete_tokens_by_tokenId', 'DELETE', () => `/connections/${ids.enterprise}/scim-configuration/tokens/${ids.scimToken}`],
    ['delete_scim-configuration', 'DELETE', () => `/connections/${ids.enterprise}/scim-configuration`],
    ['get_directory_provisioning_default_mapping', 'GET', () => `/connections/${ids.workspace}/directory-provisioning/default-mapping`],
    ['get_active-users', 'GET', () => '/stats/active-users'],
    ['get_logs_by_id', 'GET', () => `/logs/${ids.log}`],
    ['post_users-imports', 'POST', () => '/jobs/users-imports', undefined, () => {
      const form = new FormData();
      form.append('users', new Blob([JSON.stringify([{ email: 'imported@example.com' }, { name: 'no email' }])], { type: 'application/json' }), 'users.json');
      form.append('connection_id', ids.seedConnection!);
      return form;
    }],
    ['post_users-exports', 'POST', () => '/jobs/users-exports', () => ({ format: 'json', connection_id: ids.seedConnection })],
    ['post_verification-email', 'POST', () => '/jobs/verification-email', () => ({ user_id: ids.user })],
    ['get_jobs_by_id', 'GET', () => `/jobs/${ids.job}`],
    ['get_errors', 'GET', () => `/jobs/${ids.job}/errors`],
    ['delete_resource-servers_by_id', 'DELETE', () => `/resource-servers/${ids.api}`],
    ['delete_clients_by_id', 'DELETE', () => `/clients/${ids.client}`],
    ['delete_organizations_by_id', 'DELETE', () => `/organizations/${ids.org}`],
    ['delete_connections_by_id', 'DELETE', () => `/connections/${ids.connection}`],
    ['delete_roles_by_id', 'DELETE', () => `/roles/${ids.role}`],
    ['delete_users_by_id', 'DELETE', () => `/users/${enc(ids.user!)}`],
  ];
}

/** Remembers the ids later steps need; `read` gives an answer's property by its wire name. */
export function captureIds(operationId: string, read: (wireKey: string) => unknown, ids: Record<string, string>): void {
  const take: Record<string, [string, string]> = {
    post_users: ['user', 'user_id'], post_roles: ['role', 'id'], post_connections: ['connection', 'id'], post_organizations: ['org', 'id'],
    post_invitations: ['invitation', 'id'], post_clients: ['client', 'client_id'], 'post_resource-servers': ['api', 'id'],
    'post_client-grants': ['grant', 'id'], 'post_users-imports': ['job', 'id'], post_scim_token: ['scimToken', 'token_id'],
  };
  const entry = take[operationId];
  if (entry) ids[entry[0]] = String(read(entry[1]));
}
