/**
 * The gateway over an upstream that drifts from its spec (README, "When the API drifts"): the
 * emulator behind a proxy that rewrites its answers with enum values the spec does not list,
 * nulls inside lists and mistyped scalars, on users, clients, connections and logs.
 *
 * The policy asserted: what can be kept is kept (siblings, list items, coerced scalars), a value
 * the schema cannot hold nulls its own field alone with an `UPSTREAM_CONTRACT` error naming the
 * type, field and value, a left-out item is reported as a warning in `extensions.warnings`, no
 * error is ever `INTERNAL_SERVER_ERROR`, and each drift is counted in /metrics and logged once.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import type { GraphQLResponse } from '../support/harness.js';
import { startTamperingProxy, type Tamper, type TamperingProxy } from '../support/tampering-proxy.js';

type Row = Record<string, any>;

let emulator: Emulator;
let proxy: TamperingProxy;
let gateway: Gateway;
const logLines: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  proxy = await startTamperingProxy(emulator.url);
  const logger = pino({ level: 'warn' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
  gateway = createGateway({
    debug: true,
    logger,
    upstream: {
      baseUrl: proxy.url,
      auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret, audience: emulator.audience },
    },
  });
});

afterAll(async () => {
  await gateway.close();
  await proxy.close();
  await emulator.close();
});

beforeEach(() => {
  proxy.setTamper(undefined);
});

async function query<T = Record<string, any>>(text: string): Promise<GraphQLResponse<T>> {
  const response = await gateway.app.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: text }),
  });
  return { status: response.status, ...(await response.json()) } as never;
}

/** Rewrites the first row of the list answered on `path` (a bare array or a page object). */
function onFirstRow(path: string, change: (row: Row, rows: unknown[]) => void): Tamper {
  return (seen, body) => {
    if (seen !== path) return body;
    const rows = Array.isArray(body) ? body : Object.values(body as Row).find(Array.isArray);
    if (rows && rows.length > 0) change(rows[0] as Row, rows);
    return body;
  };
}

/** Rewrites the object answered on `path`. */
function onObject(path: string, change: (row: Row) => void): Tamper {
  return (seen, body) => {
    if (seen === path) change(body as Row);
    return body;
  };
}

function expectNoInternalErrors(response: GraphQLResponse): void {
  expect(response.status).toBe(200);
  for (const error of response.errors ?? []) {
    expect(error.extensions?.code, error.message).toBeDefined();
    expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toBe('Unexpected error.');
  }
}

function errorAt(response: GraphQLResponse, path: Array<string | number>) {
  return response.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
}

function warnings(response: GraphQLResponse): Array<{ message: string; path: Array<string | number>; extensions: Row }> {
  return (response.extensions?.warnings as never) ?? [];
}

async function driftCount(kind: string, type: string, field: string): Promise<number> {
  const metric = await gateway.metrics.registry.getSingleMetric('gateway_upstream_drift_total')!.get();
  return metric.values.find((v) => v.labels.kind === kind && v.labels.type === type && v.labels.field === field)?.value ?? 0;
}

describe('an upstream that keeps to the spec', () => {
  it('gets no errors, no warnings and no drift counted (the guard has no false alarms)', async () => {
    const response = await query(`{
      users(first: 5) { nodes { userId loginsCount lastLogin multifactor identities { provider connection userId isSocial } } }
      clients(first: 5) { nodes { clientId appType grantTypes isFirstParty jwtConfiguration { alg } organizationDiscoveryMethods } }
      connections(first: 5) { nodes { id strategy realms showAsButton enabledClients } }
      logs(first: 5) { nodes { logId type date isMobile locationInfo { cityName latitude } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(warnings(response)).toEqual([]);
    expect(response.data!.users.nodes.length).toBeGreaterThan(0);
    expect(await gateway.metrics.registry.getSingleMetric('gateway_upstream_drift_total')!.get()).toMatchObject({ values: [] });
  });
});

describe('users', () => {
  it('an unknown identity provider nulls that provider alone; a null identity is left out, the others kept', async () => {
    let original: Row = {};
    proxy.setTamper(onFirstRow('/api/v2/users', (user) => {
      original = structuredClone(user);
      user.identities = [{ ...user.identities[0], provider: 'brand-new-idp' }, null, { ...user.identities[0], connection: 'second' }];
    }));
    const response = await query('{ users(first: 2) { nodes { userId email identities { provider connection } } } }');
    expectNoInternalErrors(response);
    const user = response.data!.users.nodes[0];
    expect(user.userId).toBe(original.user_id);
    expect(user.email).toBe(original.email);
    expect(user.identities).toEqual([
      { provider: null, connection: original.identities[0].connection },
      { provider: 'AUTH0', connection: 'second' },
    ]);
    const error = errorAt(response, ['users', 'nodes', 0, 'identities', 0, 'provider']);
    expect(error?.extensions).toEqual({
      code: 'UPSTREAM_CONTRACT', kind: 'unknown_enum', type: 'UserIdentity', field: 'provider', expected: 'UserIdentityProvider', value: 'brand-new-idp',
    });
    expect(error?.message).toContain('UserIdentity.provider');
    expect(error?.message).toContain('brand-new-idp');
    expect(response.errors).toHaveLength(1);
    expect(warnings(response)).toEqual([expect.objectContaining({
      path: ['users', 'nodes', 0, 'identities', 1],
      extensions: expect.objectContaining({ code: 'UPSTREAM_CONTRACT', severity: 'warning', kind: 'null_in_list', type: 'User', field: 'identities' }),
    })]);
    // The debug extension is still there beside the warnings.
    expect(response.extensions?.upstream).toBeDefined();
  });

  it('mistyped scalars null their own field with a coded error; a null inside multifactor is left out', async () => {
    proxy.setTamper(onFirstRow('/api/v2/users', (user) => {
      user.logins_count = 'many';
      user.last_login = 'yesterday';
      user.multifactor = ['guardian', null];
      user.blocked = 1;
    }));
    const response = await query('{ users(first: 2) { nodes { userId loginsCount lastLogin multifactor blocked } } }');
    expectNoInternalErrors(response);
    const user = response.data!.users.nodes[0];
    expect(user.userId).toEqual(expect.any(String));
    expect(user).toMatchObject({ loginsCount: null, lastLogin: null, multifactor: ['guardian'] });
    expect(errorAt(response, ['users', 'nodes', 0, 'loginsCount'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_scalar', type: 'User', field: 'loginsCount', expected: 'Int', value: 'many' });
    expect(errorAt(response, ['users', 'nodes', 0, 'lastLogin'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_scalar', field: 'lastLogin', expected: 'DateTime', value: 'yesterday' });
    // 1 where a Boolean belongs is coerced by GraphQL without loss: served, with a warning.
    expect(user.blocked).toBe(true);
    expect(warnings(response).map((w) => [w.extensions.kind, w.extensions.field, w.path])).toEqual(expect.arrayContaining([
      ['null_in_list', 'multifactor', ['users', 'nodes', 0, 'multifactor', 1]],
      ['coerced_scalar', 'blocked', ['users', 'nodes', 0, 'blocked']],
    ]));
    expect(await driftCount('mistyped_scalar', 'User', 'loginsCount')).toBeGreaterThanOrEqual(1);
  });

  it('a null row in a page of users is left out; the rows around it are served', async () => {
    let ids: string[] = [];
    proxy.setTamper(onFirstRow('/api/v2/users', (_user, rows) => {
      ids = rows.map((r) => (r as Row).user_id);
      rows.splice(1, 0, null);
    }));
    const response = await query('{ users(first: 3) { edges { cursor node { userId } } nodes { userId } } }');
    expectNoInternalErrors(response);
    expect(response.errors).toBeUndefined();
    expect(response.data!.users.nodes.map((n: Row) => n.userId)).toEqual(ids.slice(0, 2));
    expect(response.data!.users.edges.map((e: Row) => e.node.userId)).toEqual(ids.slice(0, 2));
    expect(warnings(response)).toEqual([expect.objectContaining({
      path: ['users', 'nodes', 1], extensions: expect.objectContaining({ kind: 'null_in_list', type: 'UserPage', field: 'nodes', expected: 'User' }),
    })]);
  });
});

describe('clients', () => {
  it('an unknown app_type and signing algorithm null those fields alone; lists keep their good items', async () => {
    let clientId = '';
    proxy.setTamper(onFirstRow('/api/v2/clients', (client) => {
      clientId = client.client_id;
      client.app_type = 'agent';
      client.jwt_configuration = { ...client.jwt_configuration, alg: 'EdDSA', lifetime_in_seconds: 600 };
      client.grant_types = ['implicit', null, 'refresh_token'];
      client.organization_discovery_methods = ['email', 'passkey'];
      client.is_first_party = 'yes';
      client.name = 42;
    }));
    const response = await query('{ clients(first: 2) { nodes { clientId name appType isFirstParty grantTypes organizationDiscoveryMethods jwtConfiguration { alg lifetimeInSeconds } } } }');
    expectNoInternalErrors(response);
    const client = response.data!.clients.nodes[0];
    expect(client).toEqual({
      clientId,
      name: '42',
      appType: null,
      isFirstParty: null,
      grantTypes: ['implicit', 'refresh_token'],
      // Enum lists hold nullable items: the unknown one is null, at its place.
      organizationDiscoveryMethods: ['EMAIL', null],
      jwtConfiguration: { alg: null, lifetimeInSeconds: 600 },
    });
    expect(errorAt(response, ['clients', 'nodes', 0, 'appType'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'unknown_enum', type: 'Client', field: 'appType', expected: 'ClientAppType', value: 'agent' });
    expect(errorAt(response, ['clients', 'nodes', 0, 'jwtConfiguration', 'alg'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'unknown_enum', type: 'ClientJwtConfiguration', field: 'alg', expected: 'SigningAlgorithm', value: 'EdDSA' });
    expect(errorAt(response, ['clients', 'nodes', 0, 'organizationDiscoveryMethods', 1])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'unknown_enum', field: 'organizationDiscoveryMethods', value: 'passkey' });
    expect(errorAt(response, ['clients', 'nodes', 0, 'isFirstParty'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_scalar', expected: 'Boolean', value: 'yes' });
    expect(response.errors).toHaveLength(4);
    expect(warnings(response).map((w) => [w.extensions.kind, w.extensions.field])).toEqual(expect.arrayContaining([['null_in_list', 'grantTypes'], ['coerced_scalar', 'name']]));
    // The second client was untouched.
    expect(response.data!.clients.nodes[1].appType).toEqual(expect.any(String));
  });

  it('a single client (GET /clients/{id}) behaves the same', async () => {
    const listed = await query('{ clients(first: 1) { nodes { clientId } } }');
    const id = listed.data!.clients.nodes[0].clientId as string;
    proxy.setTamper(onObject(`/api/v2/clients/${encodeURIComponent(id)}`, (client) => { client.app_type = 'agent'; }));
    const response = await query(`{ client(id: "${id}") { clientId appType } }`);
    expectNoInternalErrors(response);
    expect(response.data!.client).toEqual({ clientId: id, appType: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', type: 'Client', field: 'appType', value: 'agent' });
  });
});

describe('shapes', () => {
  it('an empty list where an object belongs is served as an object without properties, with a warning; a non-empty one nulls the field with a coded error', async () => {
    const listed = await query('{ clients(first: 1) { nodes { clientId } } }');
    const id = listed.data!.clients.nodes[0].clientId as string;
    const path = `/api/v2/clients/${encodeURIComponent(id)}`;
    proxy.setTamper((seen, body) => (seen === path ? [] : body));
    const empty = await query(`{ client(id: "${id}") { clientId appType } }`);
    expectNoInternalErrors(empty);
    // clientId is non-null (the overlay's evidence): an object without it cannot be a Client, so
    // the nearest nullable field, `client`, is null, with the coded error at the key.
    expect(empty.data!.client).toBeNull();
    expect(empty.errors).toEqual([expect.objectContaining({ path: ['client', 'clientId'], extensions: expect.objectContaining({ code: 'UPSTREAM_CONTRACT', kind: 'missing_required', type: 'Client', field: 'clientId' }) })]);
    expect(warnings(empty)).toEqual([expect.objectContaining({ path: ['client'], extensions: expect.objectContaining({ kind: 'mistyped_shape', type: 'Query', field: 'client', expected: 'Client' }) })]);
    proxy.setTamper((seen, body) => (seen === path ? [body] : body));
    const wrapped = await query(`{ client(id: "${id}") { clientId } }`);
    expectNoInternalErrors(wrapped);
    expect(wrapped.data!.client).toBeNull();
    expect(wrapped.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_shape', type: 'Query', field: 'client', expected: 'Client' });
  });
});

describe('connections', () => {
  it('nulls and mistyped items inside string lists are left out; a mistyped flag and an unknown strategy null themselves', async () => {
    proxy.setTamper(onFirstRow('/api/v2/connections', (connection) => {
      connection.realms = [null, 'realm-a'];
      connection.enabled_clients = [{ client_id: 'abc' }, 'client-b'];
      connection.show_as_button = 'no';
      connection.strategy = 'passkey-federation';
    }));
    const response = await query('{ connections(first: 2) { nodes { id name strategy realms enabledClients showAsButton } } }');
    expectNoInternalErrors(response);
    const connection = response.data!.connections.nodes[0];
    expect(connection).toMatchObject({ strategy: null, realms: ['realm-a'], enabledClients: ['client-b'], showAsButton: null });
    expect(connection.id).toEqual(expect.any(String));
    expect(connection.name).toEqual(expect.any(String));
    expect(response.errors).toHaveLength(2);
    expect(errorAt(response, ['connections', 'nodes', 0, 'showAsButton'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', type: 'Connection', field: 'showAsButton', expected: 'Boolean', value: 'no' });
    // The strategy is the enum it is written with (symmetric types): a strategy the spec does not
    // know yet is named, with its raw value.
    expect(errorAt(response, ['connections', 'nodes', 0, 'strategy'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', type: 'Connection', field: 'strategy', value: 'passkey-federation' });
    expect(warnings(response).map((w) => [w.extensions.kind, w.extensions.field, w.path.at(-1)])).toEqual(expect.arrayContaining([
      ['null_in_list', 'realms', 0],
      ['mistyped_scalar', 'enabledClients', 0],
    ]));
  });
});

describe('logs', () => {
  it('a mistyped type and a location that is no object null themselves; the rest of the event is kept', async () => {
    let logId = '';
    proxy.setTamper(onFirstRow('/api/v2/logs', (log) => {
      logId = log.log_id;
      log.type = { code: 'sapi' };
      log.location_info = 'Berlin';
      log.isMobile = 'false';
    }));
    const response = await query('{ logs(first: 2) { nodes { logId type date isMobile locationInfo { cityName } } } }');
    expectNoInternalErrors(response);
    const log = response.data!.logs.nodes[0];
    expect(log).toMatchObject({ logId, type: null, locationInfo: null, isMobile: null });
    expect(log.date).not.toBeNull();
    expect(errorAt(response, ['logs', 'nodes', 0, 'type'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_scalar', type: 'Log', field: 'type', expected: 'String', value: '{"code":"sapi"}' });
    expect(errorAt(response, ['logs', 'nodes', 0, 'locationInfo'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_shape', type: 'Log', field: 'locationInfo', expected: 'LogLocationInfo', value: 'Berlin' });
    expect(errorAt(response, ['logs', 'nodes', 0, 'isMobile'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_scalar', field: 'isMobile', value: 'false' });
  });
});

describe('operators learn of drift', () => {
  it('each drifted value is counted by kind, type and field; each distinct drift is logged once, without secrets', async () => {
    proxy.setTamper(onFirstRow('/api/v2/clients', (client) => { client.app_type = 'brand-new-app-type'; }));
    const before = await driftCount('unknown_enum', 'Client', 'appType');
    const linesBefore = logLines.length;
    for (let i = 0; i < 3; i += 1) expectNoInternalErrors(await query('{ clients(first: 1) { nodes { appType clientSecret } } }'));
    expect(await driftCount('unknown_enum', 'Client', 'appType')).toBe(before + 3);
    const text = await gateway.metrics.registry.metrics();
    expect(text).toMatch(/gateway_upstream_drift_total\{kind="unknown_enum",type="Client",field="appType"\} \d+/);
    expect(text).toMatch(/gateway_graphql_errors_total\{code="UPSTREAM_CONTRACT"\} \d+/);
    expect(text).not.toMatch(/gateway_graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\}/);
    // Values never become labels.
    expect(text).not.toContain('brand-new-app-type');
    const drifts = logLines.slice(linesBefore).map((line) => JSON.parse(line) as Row).filter((line) => line.drift);
    expect(drifts).toEqual([expect.objectContaining({ level: 40, drift: { kind: 'unknown_enum', coordinate: 'Client.appType', expected: 'ClientAppType', valueType: 'string', value: 'brand-new-app-type' } })]);
    expect(logLines.join('\n')).not.toContain(emulator.demoClient.clientSecret);
  });

  it('a mistyped value is logged by its JSON type only, never its content', async () => {
    proxy.setTamper(onFirstRow('/api/v2/users', (user) => { user.name = { secret: 'do-not-log-me' }; }));
    const linesBefore = logLines.length;
    const response = await query('{ users(first: 1) { nodes { name } } }');
    expect(errorAt(response, ['users', 'nodes', 0, 'name'])?.extensions).toMatchObject({ code: 'UPSTREAM_CONTRACT', kind: 'mistyped_scalar', field: 'name' });
    const logged = logLines.slice(linesBefore).join('\n');
    expect(logged).toContain('"coordinate":"User.name"');
    expect(logged).toContain('"valueType":"object"');
    expect(logged).not.toContain('do-not-log-me');
  });
});
