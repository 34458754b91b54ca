import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { specIndex } from '../../src/emulator/spec-index.js';
import { applyOverlay, parseTarget, type OverlayDocument } from '../../src/schema/overlay.js';
import { OVERLAY_DIR } from '../../src/paths.js';

// Each rule below comes from spec/overlays/auth0-observed.overlay.json, whose action descriptions
// carry the sources; the test names the source too, and asserts what the emulator answers over HTTP.
let emulator: Emulator;
let token: string;

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) as any : undefined };
}

beforeAll(async () => {
  emulator = await startEmulator();
  token = await emulator.issueToken([...new Set(specIndex().routes.flatMap((r) => r.scopes))]);
});

afterAll(async () => {
  await emulator.close();
});

describe('the overlay applier (OpenAPI Overlay 1.0, JSONPath subset)', () => {
  it('parses $.name and $[\'name\'] segments and refuses anything else', () => {
    expect(parseTarget("$.paths['/users/{id}'].get")).toEqual(['paths', '/users/{id}', 'get']);
    expect(parseTarget('$.components.schemas["Log"].properties')).toEqual(['components', 'schemas', 'Log', 'properties']);
    expect(() => parseTarget('$.paths[*]')).toThrow(/quoted/);
    expect(() => parseTarget('$..properties')).toThrow();
  });

  it('merges objects, appends arrays, removes, and fails on a target that names nothing', () => {
    const doc = { a: { b: 1, list: [1] }, gone: true };
    const overlay: OverlayDocument = {
      overlay: '1.0.0', info: { title: 't', version: '1' },
      actions: [
        { target: '$.a', update: { c: 2, list: [2] }, description: 'merge. Source: test' },
        { target: '$.gone', remove: true, description: 'remove. Source: test' },
      ],
    };
    expect(applyOverlay(doc, overlay)).toEqual({ a: { b: 1, c: 2, list: [1, 2] } });
    expect(() => applyOverlay({}, { ...overlay, actions: [{ target: '$.x.y', update: {}, description: 'Source: test' }] })).toThrow(/names nothing/);
    expect(() => applyOverlay({ a: {} }, { ...overlay, actions: [{ target: '$.a', update: {}, description: 'no reason given' }] })).toThrow(/Source/);
  });

  it('every action of the committed overlay has a reason with its source, and applies to the vendored spec', () => {
    const overlay = JSON.parse(readFileSync(join(OVERLAY_DIR, 'auth0-observed.overlay.json'), 'utf8')) as OverlayDocument;
    expect(overlay.overlay).toBe('1.0.0');
    for (const action of overlay.actions) expect(action.description).toMatch(/Source/);
    // The emulator's index is the spec with the overlay applied.
    expect(specIndex().doc.components.schemas.Log?.properties?.organization_id).toBeDefined();
  });
});

describe('clients: defaults a real tenant always returns (source: recorded client bodies in public code; auth0/docs refresh token rotation)', () => {
  it('a created client carries sso_disabled, refresh_token, signing_keys, jwt_configuration … with 201', async () => {
    const created = await call('POST', '/clients', { name: 'Overlay App', app_type: 'spa' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sso_disabled: false, cross_origin_authentication: false, custom_login_page_on: true, is_token_endpoint_ip_header_trusted: false,
      refresh_token: { rotation_type: 'non-rotating', expiration_type: 'non-expiring', leeway: 0, token_lifetime: 31_557_600, idle_token_lifetime: 2_592_000 },
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36_000, secret_encoded: false },
      native_social_login: { apple: { enabled: false }, facebook: { enabled: false } },
    });
    expect(created.body.signing_keys[0]).toMatchObject({ subject: expect.stringMatching(/^\/CN=/), cert: expect.stringContaining('BEGIN CERTIFICATE') });
    const read = await call('GET', `/clients/${created.body.client_id}`);
    expect(read.body.refresh_token.rotation_type).toBe('non-rotating');
    const listed = await call('GET', '/clients?per_page=5');
    for (const client of listed.body) expect(client).toHaveProperty('signing_keys');
  });

  it('values that were set are kept, and a projected read (fields) gets only what it asked for', async () => {
    const created = await call('POST', '/clients', { name: 'Rotating', refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', token_lifetime: 600 } });
    expect(created.body.refresh_token).toEqual({ rotation_type: 'rotating', expiration_type: 'expiring', token_lifetime: 600 });
    const projected = await call('GET', `/clients/${created.body.client_id}?fields=name,client_id`);
    expect(Object.keys(projected.body).sort()).toEqual(['client_id', 'name']);
    // A default is a stored value: asked for by name, it is answered.
    const defaulted = await call('GET', `/clients/${created.body.client_id}?fields=client_id,sso_disabled,custom_login_page_on`);
    expect(defaulted.body).toEqual({ client_id: created.body.client_id, sso_disabled: false, custom_login_page_on: true });
    const excluded = await call('GET', `/clients/${created.body.client_id}?fields=sso_disabled&include_fields=false`);
    expect(excluded.body).not.toHaveProperty('sso_disabled');
    expect(excluded.body.custom_login_page_on).toBe(true);
  });

  it('deleting a client that does not exist answers 204 (source: the spec declares no 404 there)', async () => {
    expect((await call('DELETE', '/clients/never-existed')).status).toBe(204);
  });
});

describe('connections (sources: Auth0 docs Password Strength, Flexible Identifiers, Migrate Enabled Client Management; the spec\'s DELETE texts)', () => {
  it('a created database connection answers with the default options of its strategy; given options are kept', async () => {
    const created = await call('POST', '/connections', { name: 'overlay-db', strategy: 'auth0', options: { brute_force_protection: false } });
    expect(created.status).toBe(201);
    expect(created.body.options).toMatchObject({
      brute_force_protection: false, passwordPolicy: 'none', strategy_version: 2,
      mfa: { active: true, return_enroll_settings: true }, authentication_methods: { password: { enabled: true }, passkey: { enabled: false } },
    });
    const social = await call('POST', '/connections', { name: 'overlay-social', strategy: 'github' });
    expect(social.body.options ?? {}).not.toHaveProperty('passwordPolicy');
  });

  it('GET /connections/{id} includes enabled_clients (tenants created before 2026-01-07)', async () => {
    const [first] = (await call('GET', '/connections')).body;
    const one = await call('GET', `/connections/${first.id}`);
    expect(Array.isArray(one.body.enabled_clients)).toBe(true);
    const clients = await call('GET', `/connections/${first.id}/clients?take=100`);
    expect(one.body.enabled_clients.slice(0, clients.body.clients.length)).toEqual(clients.body.clients.map((c: { client_id: string }) => c.client_id));
  });

  it('rejects options.attributes together with options.requires_username (400), on create and update', async () => {
    const both = { options: { attributes: { email: { identifier: { active: true } } }, requires_username: true } };
    const created = await call('POST', '/connections', { name: 'overlay-both', strategy: 'auth0', ...both });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Cannot set both options.attributes and options.requires_username' });
    const one = await call('POST', '/connections', { name: 'overlay-attrs', strategy: 'auth0', options: { attributes: both.options.attributes } });
    expect(one.status).toBe(201);
    expect((await call('PATCH', `/connections/${one.body.id}`, both)).status).toBe(400);
  });

  it('delete answers 202 while it exists and 204 once it does not', async () => {
    const created = await call('POST', '/connections', { name: 'overlay-gone', strategy: 'auth0' });
    expect((await call('DELETE', `/connections/${created.body.id}`)).status).toBe(202);
    expect((await call('DELETE', `/connections/${created.body.id}`)).status).toBe(204);
  });
});

describe('logs (sources: Auth0 Tenant Log Catalog; a recorded GET /logs body in public code)', () => {
  it('log events carry _id equal to log_id, tenant_name and details; org events their organization', async () => {
    const logs = (await call('GET', '/logs?per_page=100')).body as Array<Record<string, any>>;
    for (const log of logs) {
      expect(log._id).toBe(log.log_id);
      expect(log.tenant_name).toBe('emulator');
      expect(log).toHaveProperty('details');
    }
    const inOrg = logs.find((l) => l.organization_id);
    expect(inOrg?.organization_name).toBeTypeOf('string');
    const org = await call('GET', `/organizations/${inOrg!.organization_id}`);
    expect(org.body.name).toBe(inOrg!.organization_name);
    const exchange = logs.find((l) => l.type === 'seacft');
    expect(exchange).toMatchObject({ audience: expect.any(String), scope: expect.any(String) });
    expect(logs.find((l) => l.type === 's')?.location_info).toMatchObject({ country_code: expect.stringMatching(/^[A-Z]{2}$/) });
  });
});

describe('user permissions (sources: auth0.net UserPermission/PermissionSource; steampipe auth0_user_permission)', () => {
  it('lists direct and role permissions with description and sources', async () => {
    const role = (await call('POST', '/roles', { name: 'overlay-role' })).body;
    await call('POST', `/roles/${role.id}/permissions`, { permissions: [{ resource_server_identifier: 'https://api.acme.test/orders', permission_name: 'read:orders' }] });
    const user = (await call('POST', '/users', { connection: 'Username-Password-Authentication', email: 'perm@overlay.test', password: 'Secret-123!' })).body;
    await call('POST', `/users/${encodeURIComponent(user.user_id)}/permissions`, { permissions: [{ resource_server_identifier: 'https://api.acme.test/orders', permission_name: 'read:orders' }] });
    await call('POST', `/users/${encodeURIComponent(user.user_id)}/roles`, { roles: [role.id] });
    const permissions = (await call('GET', `/users/${encodeURIComponent(user.user_id)}/permissions`)).body;
    expect(permissions).toHaveLength(1);
    expect(permissions[0]).toMatchObject({
      permission_name: 'read:orders', resource_server_name: 'Orders API', description: 'read orders',
      sources: [{ source_id: '', source_name: '', source_type: 'DIRECT' }, { source_id: role.id, source_name: 'overlay-role', source_type: 'ROLE' }],
    });
  });

  it('deleting a user that does not exist answers 204 (source: the spec declares no 404 there)', async () => {
    expect((await call('DELETE', '/users/auth0%7Cnever-existed')).status).toBe(204);
  });
});

describe('resource servers (sources: auth0.net PR #208, go-auth0/auth0 PR #32, terraform-provider-auth0 #83)', () => {
  it('accepts token_lifetime_for_web on create and update', async () => {
    const created = await call('POST', '/resource-servers', { name: 'Overlay API', identifier: 'https://overlay.acme.test', token_lifetime: 86_400, token_lifetime_for_web: 7_200 });
    expect(created.status).toBe(201);
    expect(created.body.token_lifetime_for_web).toBe(7_200);
    const updated = await call('PATCH', `/resource-servers/${created.body.id}`, { token_lifetime_for_web: 3_600 });
    expect(updated.body.token_lifetime_for_web).toBe(3_600);
    expect((await call('POST', '/resource-servers', { identifier: 'https://other.acme.test', not_a_property: 1 })).status).toBe(400);
    expect((await call('DELETE', '/resource-servers/never-existed')).status).toBe(204);
  });
});

describe('organizations and roles (sources: the spec\'s CreateOrganizationResponseContent and declared 404s; auth0.net and terraform-provider-auth0 tests)', () => {
  it('a created organization comes back with its enabled_connections', async () => {
    const [connection] = (await call('GET', '/connections')).body;
    const created = await call('POST', '/organizations', { name: 'overlay-org', enabled_connections: [{ connection_id: connection.id, assign_membership_on_login: true }] });
    expect(created.status).toBe(201);
    expect(created.body.enabled_connections).toEqual([expect.objectContaining({ connection_id: connection.id, assign_membership_on_login: true })]);
  });

  it('a missing organization answers 404 "No organization found by that id or name", also on delete', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const missing = await call(method, '/organizations/org_missing000000', method === 'PATCH' ? { display_name: 'x' } : undefined);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'No organization found by that id or name' });
    }
  });

  it('a missing user answers errorCode inexistent_user; a missing role 404 also on delete', async () => {
    expect((await call('GET', '/users/auth0%7Cmissing')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The user does not exist.', errorCode: 'inexistent_user' });
    expect((await call('GET', '/roles/rol_missing00000000')).body).toMatchObject({ statusCode: 404, message: 'The role does not exist.' });
    expect((await call('DELETE', '/roles/rol_missing00000000')).status).toBe(404);
  });

  it('organization members keep next on the last checkpoint page; the page after is empty without next (source: recorded traffic, issue 12)', async () => {
    const [org] = (await call('GET', '/organizations')).body;
    const total = (await call('GET', `/organizations/${org.id}/members?include_totals=true&per_page=1`)).body.total as number;
    const last = await call('GET', `/organizations/${org.id}/members?take=100`);
    expect(last.body.members).toHaveLength(Math.min(total, 100));
    expect(last.body.next).toBeTypeOf('string');
    let from = last.body.next as string;
    let page = await call('GET', `/organizations/${org.id}/members?take=100&from=${from}`);
    while (page.body.members.length > 0) {
      from = page.body.next;
      page = await call('GET', `/organizations/${org.id}/members?take=100&from=${from}`);
    }
    expect(page.body).toEqual({ members: [] });
    // Other checkpoint lists still drop next on their last page (/connections/{id}/clients, per the spec).
    const [connection] = (await call('GET', '/connections')).body;
    expect((await call('GET', `/connections/${connection.id}/clients?take=100`)).body).not.toHaveProperty('next');
  });
});
