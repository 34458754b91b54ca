import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, sha256Hex } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import { type Harness, startHarness } from '../support/harness.js';

// The gateway as a Federation v2 subgraph, called directly (as a supergraph gateway would call it).
let h: Harness;
let userIds: string[];

beforeAll(async () => {
  h = await startHarness({ federation: true });
  userIds = (await h.query('{ users(first: 100) { nodes { userId } } }')).data!.users.nodes.map((n: { userId: string }) => n.userId);
});

afterAll(async () => {
  await h.close();
});

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { userId email } ... on Role { roleId name } } }';

async function sdlOf(gateway: Gateway): Promise<string> {
  const response = await gateway.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  return (await response.json() as { data: { _service: { sdl: string } } }).data._service.sdl;
}

describe('_service', () => {
  it('answers the Federation v2.5 SDL with keys, shareable Relay types and scopes', async () => {
    const { data } = await h.query('{ _service { sdl } }');
    const sdl = data!._service.sdl as string;
    expect(sdl).toMatch(/^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.5"/);
    expect(sdl).toContain('type User implements Node & UserProfile @key(fields: "userId") @requiresScopes(scopes: [["read:users"], ["read:current_user"], ["read:user_idp_tokens"]])');
    expect(sdl).toContain('type PageInfo @shareable');
    expect(sdl).toMatch(/clientSecret: String @requiresScopes\(scopes: \[\["read:client_keys"\], \["read:client_credentials"\]\]\)/);
    for (const plumbing of [/^\s+_entities\(/m, /^\s+_service:/m, /^type _Service/m, /^scalar _Any/m, /^union _Entity/m]) expect(sdl).not.toMatch(plumbing);
    expect(() => parse(sdl)).not.toThrow();
  });

  it('shows exactly the served policy: read-only has no Mutation, a denied field and its edges are gone', async () => {
    const options = { upstream: { baseUrl: h.emulator.url, auth: { mode: 'client-credentials' as const, clientId: h.emulator.demoClient.clientId, clientSecret: h.emulator.demoClient.clientSecret } }, federation: true };
    const readOnly = createGateway({ ...options, policy: { readOnly: true } });
    const denied = createGateway({ ...options, policy: { deny: ['userRoles', 'user'] } });
    try {
      const readOnlySdl = await sdlOf(readOnly);
      expect(readOnlySdl).not.toMatch(/type Mutation/);
      expect(readOnlySdl).toMatch(/type Query/);
      const deniedSdl = await sdlOf(denied);
      const user = print(parse(deniedSdl).definitions.find((d) => 'name' in d && d.name?.value === 'User')!);
      expect(user).not.toMatch(/@key/);
      expect(user).not.toMatch(/\n {2}roles\(/);
      expect(deniedSdl).not.toMatch(/\n {2}userRoles\(/);
      expect(deniedSdl).not.toMatch(/\n {2}user\(/);
    } finally {
      await readOnly.close();
      await denied.close();
    }
  });
});

describe('_service with introspection off', () => {
  it('does not serve the SDL (compose from the committed file instead)', async () => {
    const closed = createGateway({
      upstream: { baseUrl: h.emulator.url, auth: { mode: 'client-credentials', clientId: h.emulator.demoClient.clientId, clientSecret: h.emulator.demoClient.clientSecret } },
      federation: true, introspection: false,
    });
    try {
      const response = await closed.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
      const body = await response.json() as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain('@key');
    } finally {
      await closed.close();
    }
  });
});

describe('_entities', () => {
  it('resolves 100 User references in at most 2 upstream calls, with the tenant\'s data', async () => {
    h.resetCalls();
    const { data, errors } = await h.query(ENTITIES, { r: userIds.map((userId) => ({ __typename: 'User', userId })) });
    expect(errors).toBeUndefined();
    expect(h.calls()).toBeLessThanOrEqual(2);
    const resolved = data!._entities as Array<{ userId: string; email: string }>;
    expect(resolved.map((u) => u.userId)).toEqual(userIds);
    const token = await h.emulator.issueToken(['read:users']);
    const truth = await (await fetch(`${h.emulator.url}/api/v2/users/${encodeURIComponent(userIds[7]!)}`, { headers: { authorization: `Bearer ${token}` } })).json() as { email: string };
    expect(resolved[7]!.email).toBe(truth.email);
  });

  it('answers null with NOT_FOUND at its path for a reference that does not exist, and keeps the others', async () => {
    const { data, errors } = await h.query(ENTITIES, { r: [{ __typename: 'User', userId: userIds[0] }, { __typename: 'User', userId: 'auth0|does-not-exist' }, { __typename: 'Role', roleId: 'rol_missing' }] });
    expect(data!._entities[0].userId).toBe(userIds[0]);
    expect(data!._entities[1]).toBeNull();
    expect(data!._entities[2]).toBeNull();
    expect(errors?.map((e) => [e.path, e.extensions?.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([[['_entities', 1], 'NOT_FOUND'], [['_entities', 2], 'NOT_FOUND']]);
  });

  it('checks the caller\'s scopes per entity type: no read:users, no User', async () => {
    const key = 'federation-roles-only';
    const gateway = createGateway({
      upstream: { baseUrl: h.emulator.url, auth: { mode: 'client-credentials', clientId: h.emulator.demoClient.clientId, clientSecret: h.emulator.demoClient.clientSecret } },
      federation: true,
      authenticate: createAuthenticator({ apiKeys: [{ id: 'roles', sha256: sha256Hex(key), scopes: ['read:roles'] }] }, { open: false }),
    });
    try {
      const { data: roles } = await h.query('{ roles(first: 1) { nodes { roleId } } }');
      h.resetCalls();
      const response = await gateway.app.fetch('http://gateway.test/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ query: ENTITIES, variables: { r: [{ __typename: 'User', userId: userIds[0] }, { __typename: 'Role', roleId: roles!.roles.nodes[0].roleId }] } }),
      });
      const body = await response.json() as { data: { _entities: Array<Record<string, unknown> | null> }; errors?: Array<{ path: unknown[]; extensions: { code: string } }> };
      expect(body.data._entities[0]).toBeNull();
      expect(body.data._entities[1]).toMatchObject({ roleId: roles!.roles.nodes[0].roleId });
      expect(body.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['_entities', 0], 'FORBIDDEN']]);
      expect(h.emulator.requests().map((r) => r.operationId)).toEqual(['get_roles_by_id']);
    } finally {
      await gateway.close();
    }
  });

  it('counts one call per representation in the query cost', async () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ __typename: 'User', userId: `auth0|${i}` }));
    h.resetCalls();
    const { errors } = await h.query(ENTITIES, { r: many });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 600 });
    expect(h.calls()).toBe(0);
  });
});
