import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, sha256Hex } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import { type Harness, startHarness } from '../support/harness.js';

// The cross-request cache, counted at the emulator: a screen asked twice costs nothing the second
// time, the gateway's own writes are seen at once, and no caller reads past its scopes.
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ cache: { ttlSeconds: 60 } });
});

afterAll(async () => {
  await h.close();
});

const SCREEN = '{ users(first: 20) { totalCount nodes { userId email nickname roles { nodes { name } } } } organizations(first: 3) { nodes { name members(first: 5) { nodes { email user { nickname } } } } } }';

describe('the cross-request cache', () => {
  it('answers the same screen asked twice within the TTL with no upstream call', async () => {
    h.resetCalls();
    const first = await h.query(SCREEN);
    expect(first.errors).toBeUndefined();
    expect(h.calls()).toBeGreaterThan(0);
    h.resetCalls();
    const second = await h.query(SCREEN);
    expect(h.calls()).toBe(0);
    expect(second.data).toEqual(first.data);
    const metrics = await (await h.gateway.app.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toMatch(/gateway_cache_events_total\{event="hit"\} [1-9]/);
    expect(metrics).toMatch(/gateway_cache_events_total\{event="miss"\} [1-9]/);
  });

  it('shows a change made through the gateway on the next read, in the entity and in the lists that hold it', async () => {
    const { data } = await h.query(SCREEN);
    const member = data!.organizations.nodes[0].members.nodes[0] as { email: string };
    const { data: found } = await h.query('query ($e: String!) { usersByEmail(email: $e) { userId } }', { e: member.email });
    const userId = found!.usersByEmail[0].userId as string;
    await h.query('query ($id: ID!) { user(id: $id) { nickname } }', { id: userId });
    const nickname = `cached-${Date.now()}`;
    const updated = await h.query('mutation ($id: ID!, $n: String) { updateUser(id: $id, input: { nickname: $n }) { nickname } }', { id: userId, n: nickname });
    expect(updated.errors).toBeUndefined();
    h.resetCalls();
    const after = await h.query('query ($id: ID!) { user(id: $id) { nickname } }', { id: userId });
    expect(after.data!.user.nickname).toBe(nickname);
    expect(h.calls()).toBe(1);
    const again = await h.query(SCREEN);
    const members = again.data!.organizations.nodes[0].members.nodes as Array<{ email: string; user: { nickname: string } }>;
    expect(members.find((m) => m.email === member.email)!.user.nickname).toBe(nickname);
  });

  it('is never a way past a caller\'s scopes: each field is authorised before any cache read', async () => {
    const key = 'cache-roles-only';
    const gateway: Gateway = createGateway({
      upstream: { baseUrl: h.emulator.url, auth: { mode: 'client-credentials', clientId: h.emulator.demoClient.clientId, clientSecret: h.emulator.demoClient.clientSecret } },
      cache: { ttlSeconds: 60 },
      authenticate: createAuthenticator({ apiKeys: [{ id: 'roles', sha256: sha256Hex(key), scopes: ['read:roles'] }] }, { open: false }),
    });
    try {
      const ask = async (query: string) => (await gateway.app.fetch('http://gateway.test/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query }),
      })).json() as Promise<{ data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> }>;
      await ask('{ roles(first: 2) { nodes { name } } }');
      h.resetCalls();
      expect((await ask('{ roles(first: 2) { nodes { name } } }')).data!.roles.nodes).toHaveLength(2);
      expect(h.calls()).toBe(0);
      const refused = await ask('{ users(first: 20) { nodes { email } } }');
      expect(refused.data?.users ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await gateway.close();
    }
  });

  it('is off with forwarded tokens: Auth0 judges every caller\'s own token', async () => {
    const gateway = createGateway({ upstream: { baseUrl: h.emulator.url, auth: { mode: 'forward' } }, cache: { ttlSeconds: 60 } });
    try {
      const token = await h.emulator.issueToken(['read:roles']);
      const ask = () => gateway.app.fetch('http://gateway.test/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ roles(first: 1) { nodes { name } } }' }),
      });
      await ask();
      h.resetCalls();
      await ask();
      expect(h.calls()).toBe(1);
    } finally {
      await gateway.close();
    }
  });
});
