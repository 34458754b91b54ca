import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, HANDLERS, startEmulator } from '../../src/emulator/index.js';
import { specIndex } from '../../src/emulator/spec-index.js';
import { validatorFor } from '../../src/emulator/validation.js';
import { resolve, successResponses } from '../../src/schema/spec.js';

// Every hand-modelled operation, called for real; each JSON answer is checked against the
// response schema the spec gives for its status (ajv, JSON Schema 2020-12).
let emulator: Emulator;
let token: string;
const ids: Record<string, string> = {};

async function call(method: string, path: string, body?: unknown, form?: FormData) {
  const response = await fetch(`${emulator.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) as any : undefined };
}

const enc = encodeURIComponent;
type Step = [operationId: string, method: string, path: () => string, body?: () => unknown, form?: () => FormData];
const steps: Step[] = [
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
  ['get_status', 'GET', () => `/connections/${ids.seedConnection}/status`],
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

beforeAll(async () => {
  emulator = await startEmulator();
  token = await emulator.issueToken([...new Set(specIndex().routes.flatMap((r) => r.scopes))]);
  const seed = await call('GET', '/users?per_page=1');
  ids.seedUser = seed.body[0].user_id;
  ids.seedConnection = (await call('GET', '/connections')).body[0].id;
  ids.log = (await call('GET', '/logs?per_page=1')).body[0].log_id;
});

afterAll(async () => {
  await emulator.close();
});

describe('hand-modelled operations answer what the spec says', () => {
  it('covers every hand-modelled operation', () => {
    expect(steps.map((s) => s[0]).sort()).toEqual(Object.keys(HANDLERS).sort());
  });

  it('answers each with a 2xx body valid against its response schema', async () => {
    const problems: string[] = [];
    for (const [operationId, method, path, body, form] of steps) {
      if (operationId === 'get_jobs_by_id') await new Promise((r) => setTimeout(r, 350));
      const response = await call(method, path(), body?.(), form?.());
      const route = specIndex().byOperationId.get(operationId)!;
      if (response.status >= 300) { problems.push(`${operationId}: ${response.status} ${JSON.stringify(response.body)}`); continue; }
      const declared = successResponses(route.op).find((r) => r.status === String(response.status));
      if (!declared) { problems.push(`${operationId}: status ${response.status} not in the spec`); continue; }
      if (declared.schema) {
        // The spec's list shapes overlap (a last checkpoint page is also a valid offset page), so a
        // response's oneOf is read as anyOf: the body must fit one of the shapes.
        const resolved = resolve(specIndex().doc, declared.schema);
        const schema = resolved.oneOf ? { anyOf: resolved.oneOf } : declared.schema;
        const validate = validatorFor(`response:${operationId}:${declared.status}`, schema);
        if (!validate(response.body)) problems.push(`${operationId}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      } else if (response.body !== undefined) {
        problems.push(`${operationId}: body on a response the spec declares empty`);
      }
      const b = response.body;
      if (operationId === 'post_users') ids.user = b.user_id;
      if (operationId === 'post_roles') ids.role = b.id;
      if (operationId === 'post_connections') ids.connection = b.id;
      if (operationId === 'post_organizations') ids.org = b.id;
      if (operationId === 'post_invitations') ids.invitation = b.id;
      if (operationId === 'post_clients') ids.client = b.client_id;
      if (operationId === 'post_resource-servers') ids.api = b.id;
      if (operationId === 'post_client-grants') ids.grant = b.id;
      if (operationId === 'post_users-imports') ids.job = b.id;
      if (operationId === 'get_jobs_by_id') expect(b.status).toBe('completed');
      if (operationId === 'get_errors') expect(b).toHaveLength(1);
    }
    expect(problems).toEqual([]);
  });
});
