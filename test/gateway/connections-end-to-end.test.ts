import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import { type Harness, startHarness } from '../support/harness.js';
import { startTamperingProxy, type TamperingProxy } from '../support/tampering-proxy.js';

// One test per method of go-auth0's Connections client, written as the GraphQL a frontend would
// send, run against the emulator: the data, and the REST calls the emulator saw (issue 15).
let h: Harness;
let token: string;
const seeded: Record<string, { id: string; name: string }> = {};

beforeAll(async () => {
  h = await startHarness();
  token = await h.emulator.issueToken(['read:connections', 'create:connections', 'create:users', 'read:users', 'create:scim_config', 'read:scim_token', 'read:clients']);
  const { data } = await h.query('{ connections(first: 10) { nodes { connectionId name strategy } } }');
  // Keyed by Auth0's strategy name (the graph answers the enum, GOOGLE_OAUTH2).
  for (const c of data!.connections.nodes) seeded[c.strategy.toLowerCase().replace(/_/g, '-')] = { id: c.connectionId, name: c.name };
});

afterAll(async () => {
  await h.close();
});

/** The /api/v2 calls since the last reset: `GET /connections?name=x` (query decoded). */
function calls(): string[] {
  return h.emulator.requests().map((r) => `${r.method} ${r.path.slice('/api/v2'.length)}${decodeURIComponent(r.query)}`);
}

async function run<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; calls: string[] }> {
  h.resetCalls();
  const response = await h.query<T>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return { data: response.data!, calls: calls() };
}

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${h.emulator.url}/api/v2${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('List', () => {
  it('filters by strategy', async () => {
    const { data, calls } = await run('{ connections(strategy: [SAMLP, GOOGLE_OAUTH2], first: 10) { nodes { name strategy } } }');
    expect(data.connections.nodes.map((c: any) => c.strategy).sort()).toEqual(['GOOGLE_OAUTH2', 'SAMLP']);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^GET \/connections\?/);
    expect(calls[0]).toContain('strategy=samlp');
    expect(calls[0]).toContain('strategy=google-oauth2');
    expect(calls[0]).toContain('take=10');
  });

  it('filters by name, asking only the selected fields', async () => {
    const { data, calls } = await run('{ connections(name: "acme-saml", first: 5) { nodes { connectionId name } } }');
    expect(data.connections.nodes).toEqual([{ connectionId: seeded.samlp!.id, name: 'acme-saml' }]);
    expect(calls).toEqual([expect.stringMatching(/^GET \/connections\?/)]);
    expect(calls[0]).toContain('name=acme-saml');
    expect(calls[0]).toMatch(/fields=[^&]*\bname\b/);
  });

  it('pages with take/from: the second page resumes where the first ended', async () => {
    const first = await run('{ connections(first: 2) { nodes { connectionId } pageInfo { hasNextPage endCursor } } }');
    expect(first.data.connections.nodes).toHaveLength(2);
    expect(first.data.connections.pageInfo.hasNextPage).toBe(true);
    expect(first.calls).toEqual([expect.stringMatching(/^GET \/connections\?.*take=2/)]);
    const second = await run('query ($after: String) { connections(first: 2, after: $after) { nodes { connectionId } } }', { after: first.data.connections.pageInfo.endCursor });
    expect(second.data.connections.nodes[0].connectionId).toBe(seeded.samlp!.id);
    expect(second.calls[0]).toMatch(/from=/);
  });
});

describe('Read, ReadByName', () => {
  it('reads one connection, with its enabled clients, in one call', async () => {
    const { data, calls } = await run('query ($id: ID!) { connection(id: $id) { connectionId name strategy enabledClients } }', { id: seeded.auth0!.id });
    expect(data.connection).toMatchObject({ connectionId: seeded.auth0!.id, name: 'Username-Password-Authentication', strategy: 'AUTH0' });
    expect(data.connection.enabledClients.length).toBeGreaterThan(0);
    expect(calls).toEqual([`GET /connections/${seeded.auth0!.id}`]);
  });

  it('reads by name as one object through the list filter, and primes the connection loader', async () => {
    const { data, calls } = await run('{ connectionByName(name: "google-oauth2") { connectionId name strategy } }');
    expect(data.connectionByName).toEqual({ connectionId: seeded['google-oauth2']!.id, name: 'google-oauth2', strategy: 'GOOGLE_OAUTH2' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^GET \/connections\?.*name=google-oauth2/);
    const missing = await run('{ connectionByName(name: "no-such-connection") { connectionId } }');
    expect(missing.data.connectionByName).toBeNull();
  });

  it('a connection read by id after the lookup, in the same request, costs no call', async () => {
    await rest('POST', '/connections', { name: 'primed-by-name', strategy: 'samlp' });
    const id = (await rest('GET', '/connections?name=primed-by-name')).body[0].id as string;
    expect((await rest('POST', `/connections/${id}/scim-configuration`, {})).status).toBe(201);
    const { data, calls } = await run('{ connectionByName(name: "primed-by-name") { connectionId name scimConfiguration { connectionId connection { connectionId name } } } }');
    expect(data.connectionByName.scimConfiguration.connection).toEqual({ connectionId: id, name: 'primed-by-name' });
    expect(calls.filter((c) => c.startsWith(`GET /connections/${id}`) && !c.includes('scim'))).toEqual([]);
    expect(calls).toHaveLength(2);
  });
});

describe('Create, Update, Delete, CheckStatus', () => {
  let databaseId: string;

  it('creates a database connection with a password policy and requires_username', async () => {
    const { data, calls } = await run(`mutation { createConnection(input: {
      name: "e2e-db", strategy: AUTH0, displayName: "E2E DB",
      options: { passwordPolicy: EXCELLENT, bruteForceProtection: true, extra: { requires_username: true, validation: { username: { min: 3, max: 20 } } } }
    }) { connectionId name strategy displayName options { passwordPolicy extra } } }`.replace('bruteForceProtection: true, ', ''));
    databaseId = data.createConnection.connectionId;
    expect(data.createConnection).toMatchObject({ name: 'e2e-db', strategy: 'AUTH0', displayName: 'E2E DB' });
    expect(data.createConnection.options).toMatchObject({ passwordPolicy: 'EXCELLENT', extra: { requires_username: true } });
    expect(calls).toEqual(['POST /connections']);
  });

  it('creates a social connection with client id, secret and scopes', async () => {
    const { data, calls } = await run(`mutation { createConnection(input: {
      name: "e2e-github", strategy: GITHUB, options: { extra: { client_id: "gh-client", client_secret: "gh-secret", scope: ["read:user", "user:email"] } }
    }) { connectionId strategy options { extra } } }`);
    expect(data.createConnection.strategy).toBe('GITHUB');
    expect(data.createConnection.options.extra).toMatchObject({ client_id: 'gh-client', client_secret: 'gh-secret', scope: ['read:user', 'user:email'] });
    expect(calls).toEqual(['POST /connections']);
  });

  it('updates the display name, the enabled clients and the options', async () => {
    const clients = (await h.query('{ clients(first: 2) { nodes { clientId } } }')).data!.clients.nodes.map((c: any) => c.clientId);
    const { data, calls } = await run(`mutation ($id: ID!, $clients: [String!]) { updateConnection(id: $id, input: {
      displayName: "E2E DB renamed", enabledClients: $clients, options: { passwordPolicy: GOOD, extra: { requires_username: false } }
    }) { connectionId displayName enabledClients options { passwordPolicy extra } } }`, { id: databaseId, clients });
    expect(data.updateConnection).toMatchObject({ connectionId: databaseId, displayName: 'E2E DB renamed', enabledClients: clients });
    expect(data.updateConnection.options).toMatchObject({ passwordPolicy: 'GOOD', extra: { requires_username: false } });
    expect(calls).toEqual([`PATCH /connections/${databaseId}`]);
  });

  it('checks the status of a connection', async () => {
    const { data, calls } = await run('query ($id: ID!) { checkConnectionStatus(id: $id) }', { id: databaseId });
    expect(data.checkConnectionStatus).toBe(true);
    expect(calls).toEqual([`GET /connections/${databaseId}/status`]);
  });

  it('deletes a connection; reading it afterwards is a coded 404', async () => {
    const { data, calls } = await run('mutation ($id: ID!) { deleteConnection(id: $id) }', { id: databaseId });
    expect(data.deleteConnection).toBe(true);
    expect(calls).toEqual([`DELETE /connections/${databaseId}`]);
    const after = await h.query('query ($id: ID!) { connection(id: $id) { connectionId } }', { id: databaseId });
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('ReadEnabledClients, UpdateEnabledClients', () => {
  it('lists the enabled clients with their names in 2 calls (the client list walked once, not one GET per client)', async () => {
    const { data, calls } = await run('query ($id: ID!) { connectionClients(id: $id, first: 50) { nodes { clientId client { name } } } }', { id: seeded.auth0!.id });
    expect(data.connectionClients.nodes.length).toBeGreaterThanOrEqual(3);
    expect(data.connectionClients.nodes.every((n: any) => typeof n.client.name === 'string')).toBe(true);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(new RegExp(`^GET /connections/${seeded.auth0!.id}/clients\\?take=50`));
    expect(calls[1]).toMatch(/^GET \/clients\?/);
  });

  it('enables and disables clients', async () => {
    const before = (await rest('GET', `/connections/${seeded.samlp!.id}/clients?take=100`)).body.clients.map((c: any) => c.client_id) as string[];
    const all = (await h.query('{ clients(first: 50) { nodes { clientId } } }')).data!.clients.nodes.map((c: any) => c.clientId) as string[];
    const added = all.find((id) => !before.includes(id))!;
    const { data, calls } = await run('mutation ($id: ID!, $input: [UpdateEnabledClientConnectionsItemInput!]) { updateConnectionClients(id: $id, input: $input) }',
      { id: seeded.samlp!.id, input: [{ clientId: added, status: true }, { clientId: before[0], status: false }] });
    expect(data.updateConnectionClients).toBe(true);
    expect(calls).toEqual([`PATCH /connections/${seeded.samlp!.id}/clients`]);
    const after = (await rest('GET', `/connections/${seeded.samlp!.id}/clients?take=100`)).body.clients.map((c: any) => c.client_id) as string[];
    expect(after).toContain(added);
    expect(after).not.toContain(before[0]);
  });
});

describe('SCIM configuration', () => {
  let id: string;
  beforeAll(async () => {
    id = (await rest('POST', '/connections', { name: 'e2e-scim', strategy: 'okta', options: { domain: 'acme.okta.test' } })).body.id;
  });

  it('reading before any create is a coded 404', async () => {
    h.resetCalls();
    const response = await h.query('query ($id: ID!) { connectionScimConfiguration(id: $id) { connectionId } }', { id });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.data?.connectionScimConfiguration).toBeNull();
    expect(calls()).toEqual([`GET /connections/${id}/scim-configuration`]);
  });

  it('answers the default mapping of the strategy', async () => {
    const { data, calls } = await run('query ($id: ID!) { connectionScimConfigurationDefaultMapping(id: $id) { mapping { auth0 scim } } }', { id });
    expect(data.connectionScimConfigurationDefaultMapping.mapping).toContainEqual({ auth0: 'email', scim: 'emails[primary eq true].value' });
    expect(calls).toEqual([`GET /connections/${id}/scim-configuration/default-mapping`]);
  });

  it('creates, reads, updates (connectionId kept) and deletes', async () => {
    const created = await run('mutation ($id: ID!) { createConnectionScimConfiguration(id: $id, input: { userIdAttribute: "externalId" }) { connectionId connectionName strategy tenantName userIdAttribute mapping { auth0 scim } createdAt updatedOn } }', { id });
    expect(created.data.createConnectionScimConfiguration).toMatchObject({ connectionId: id, connectionName: 'e2e-scim', strategy: 'okta', userIdAttribute: 'externalId' });
    expect(created.data.createConnectionScimConfiguration.mapping.length).toBeGreaterThan(5);
    expect(created.calls).toEqual([`POST /connections/${id}/scim-configuration`]);

    const read = await run('query ($id: ID!) { connectionScimConfiguration(id: $id) { connectionId userIdAttribute } }', { id });
    expect(read.data.connectionScimConfiguration).toEqual({ connectionId: id, userIdAttribute: 'externalId' });
    expect(read.calls).toEqual([`GET /connections/${id}/scim-configuration`]);

    const updated = await run('mutation ($id: ID!) { updateConnectionScimConfiguration(id: $id, input: { userIdAttribute: "userName", mapping: [{ auth0: "email", scim: "userName" }] }) { connectionId userIdAttribute mapping { auth0 scim } } }', { id });
    expect(updated.data.updateConnectionScimConfiguration).toEqual({ connectionId: id, userIdAttribute: 'userName', mapping: [{ auth0: 'email', scim: 'userName' }] });
    expect(updated.calls).toEqual([`PATCH /connections/${id}/scim-configuration`]);

    const deleted = await run('mutation ($id: ID!) { deleteConnectionScimConfiguration(id: $id) }', { id });
    expect(deleted.data.deleteConnectionScimConfiguration).toBe(true);
    expect(deleted.calls).toEqual([`DELETE /connections/${id}/scim-configuration`]);
    const gone = await h.query('query ($id: ID!) { connectionScimConfiguration(id: $id) { connectionId } }', { id });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('creates tokens (the value shown once), lists their metadata only, deletes one; a third is a coded conflict', async () => {
    await rest('POST', `/connections/${id}/scim-configuration`, {});
    const created = await run('mutation ($id: ID!) { createConnectionScimConfigurationToken(id: $id, input: { scopes: ["get:users", "post:users"], tokenLifetime: 3600 }) { tokenId token scopes createdAt validUntil } }', { id });
    const token = created.data.createConnectionScimConfigurationToken;
    expect(token.token).toMatch(/^\S{20,}$/);
    expect(token.scopes).toEqual(['get:users', 'post:users']);
    expect(Date.parse(token.validUntil) - Date.parse(token.createdAt)).toBe(3_600_000);
    expect(created.calls).toEqual([`POST /connections/${id}/scim-configuration/tokens`]);

    const listed = await run('query ($id: ID!) { connectionScimConfigurationTokens(id: $id) { tokenId scopes createdAt } }', { id });
    expect(listed.data.connectionScimConfigurationTokens).toEqual([{ tokenId: token.tokenId, scopes: ['get:users', 'post:users'], createdAt: token.createdAt }]);
    expect(listed.calls).toEqual([`GET /connections/${id}/scim-configuration/tokens`]);
    expect(JSON.stringify((await rest('GET', `/connections/${id}/scim-configuration/tokens`)).body)).not.toContain(token.token);

    await run('mutation ($id: ID!) { createConnectionScimConfigurationToken(id: $id, input: {}) { tokenId } }', { id });
    const third = await h.query('mutation ($id: ID!) { createConnectionScimConfigurationToken(id: $id, input: {}) { tokenId } }', { id });
    expect(third.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const deleted = await run('mutation ($id: ID!, $tokenId: ID!) { deleteConnectionScimConfigurationToken(id: $id, tokenId: $tokenId) }', { id, tokenId: token.tokenId });
    expect(deleted.data.deleteConnectionScimConfigurationToken).toBe(true);
    expect(deleted.calls).toEqual([`DELETE /connections/${id}/scim-configuration/tokens/${token.tokenId}`]);
  });
});

describe('default mappings', () => {
  it('answers the directory-provisioning default mapping of a Google Workspace connection', async () => {
    const id = (await rest('POST', '/connections', { name: 'e2e-workspace', strategy: 'google-apps', options: { domain: 'acme.test' } })).body.id;
    const { data, calls } = await run('query ($id: ID!) { connectionDirectoryProvisioningDefaultMapping(id: $id) { mapping { auth0 idp } } }', { id });
    expect(data.connectionDirectoryProvisioningDefaultMapping.mapping).toContainEqual({ auth0: 'email', idp: 'primaryEmail' });
    expect(calls).toEqual([`GET /connections/${id}/directory-provisioning/default-mapping`]);
  });

  it('a strategy without directory provisioning is a coded 400', async () => {
    const response = await h.query('query ($id: ID!) { connectionDirectoryProvisioningDefaultMapping(id: $id) { mapping { auth0 } } }', { id: seeded.auth0!.id });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('keys', () => {
  let id: string;
  beforeAll(async () => {
    id = (await rest('POST', '/connections', { name: 'e2e-oidc', strategy: 'oidc', options: { client_id: 'x', issuer: 'https://idp.test' } })).body.id;
  });

  it('lists none, creates the current and the next key (as a list), then a second create is a coded conflict', async () => {
    const none = await run('query ($id: ID!) { connectionKeys(id: $id) { kid } }', { id });
    expect(none.data.connectionKeys).toEqual([]);
    expect(none.calls).toEqual([`GET /connections/${id}/keys`]);

    const { data, calls } = await run('mutation ($id: ID!) { createConnectionKey(id: $id, input: { signingAlg: RS256 }) { kid cert pkcs fingerprint thumbprint current next algorithm keyUse } }', { id });
    const keys = data.createConnectionKey as any[];
    expect(keys).toHaveLength(2);
    expect(keys.map((k) => [k.current, k.next])).toEqual([[true, false], [false, true]]);
    for (const key of keys) {
      expect(key.cert).toMatch(/^-----BEGIN CERTIFICATE-----\r\n[\s\S]+\r\n-----END CERTIFICATE-----$/);
      expect(key.pkcs).toMatch(/^-----BEGIN PKCS7-----/);
      expect(key.fingerprint.replace(/:/g, '')).toBe(key.thumbprint);
      expect(key).toMatchObject({ algorithm: 'RS256', keyUse: 'SIGNING' });
    }
    expect(calls).toEqual([`POST /connections/${id}/keys`]);

    const again = await h.query('mutation ($id: ID!) { createConnectionKey(id: $id) { kid } }', { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('rotates: next becomes current, current becomes previous, a new next is answered', async () => {
    const before = (await run('query ($id: ID!) { connectionKeys(id: $id) { kid current next } }', { id })).data.connectionKeys as any[];
    const oldCurrent = before.find((k) => k.current).kid;
    const oldNext = before.find((k) => k.next).kid;
    const { data, calls } = await run('mutation ($id: ID!) { rotateConnectionKeys(id: $id) { kid next cert } }', { id });
    expect(data.rotateConnectionKeys.next).toBe(true);
    expect([oldCurrent, oldNext]).not.toContain(data.rotateConnectionKeys.kid);
    expect(calls).toEqual([`POST /connections/${id}/keys/rotate`]);
    const after = (await run('query ($id: ID!) { connectionKeys(id: $id) { kid current next previous currentSince } }', { id })).data.connectionKeys as any[];
    expect(after.map((k) => [k.kid, k.previous, k.current, k.next])).toEqual([
      [oldCurrent, true, false, false], [oldNext, false, true, false], [data.rotateConnectionKeys.kid, false, false, true],
    ]);
    expect(after[1].currentSince).toBeTruthy();
  });

  it('a database connection has no keys: a coded 400, never a bare GraphQL error', async () => {
    const response = await h.query('query ($id: ID!) { connectionKeys(id: $id) { kid } }', { id: seeded.auth0!.id });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('users by email', () => {
  it('deletes the users of a database connection with that email', async () => {
    const created = await rest('POST', '/users', { connection: 'Username-Password-Authentication', email: 'leaving@example.com', password: 'Passw0rd!x' });
    expect(created.status).toBe(201);
    const { data, calls } = await run('mutation ($id: ID!, $email: String!) { deleteConnectionUsersByEmail(id: $id, email: $email) }', { id: seeded.auth0!.id, email: 'leaving@example.com' });
    expect(data.deleteConnectionUsersByEmail).toBe(true);
    expect(calls).toEqual([`DELETE /connections/${seeded.auth0!.id}/users?email=leaving@example.com`]);
    expect((await rest('GET', `/users/${encodeURIComponent(created.body.user_id)}`)).status).toBe(404);
  });
});

describe('an upstream answer of the wrong shape is a coded error', () => {
  let emulator: Emulator;
  let proxy: TamperingProxy;
  let gateway: Gateway;
  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = await startTamperingProxy(emulator.url);
    gateway = createGateway({ debug: true, upstream: { baseUrl: proxy.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret, audience: emulator.audience } } });
  });
  afterAll(async () => {
    await gateway.close();
    await proxy.close();
    await emulator.close();
  });
  async function query(text: string, variables?: Record<string, unknown>): Promise<any> {
    const response = await gateway.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
    return response.json();
  }

  it('createConnectionKey answered with one object instead of a list: UPSTREAM_CONTRACT, not "Expected Iterable"', async () => {
    const token = await emulator.issueToken(['create:connections']);
    const created = await fetch(`${emulator.url}/api/v2/connections`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'drift-oidc', strategy: 'oidc' }) });
    const { id } = await created.json() as { id: string };
    proxy.setTamper((path, body) => (path.endsWith('/keys') && Array.isArray(body) ? body[0] : body));
    const response = await query('mutation ($id: ID!) { createConnectionKey(id: $id) { kid } }', { id });
    expect(response.data.createConnectionKey).toBeNull();
    expect(response.errors[0].message).not.toMatch(/Expected Iterable/);
    expect(response.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_shape', field: 'createConnectionKey' });
  });

  it('connectionByName answered with neither a list nor a page: UPSTREAM_CONTRACT', async () => {
    proxy.setTamper((path, body) => (path === '/api/v2/connections' ? { unexpected: true } : body));
    const response = await query('{ connectionByName(name: "acme-saml") { id } }');
    expect(response.data.connectionByName).toBeNull();
    expect(response.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_shape' });
  });
});
