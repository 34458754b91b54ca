import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import { REDIS_AVAILABLE, type RedisServer, startRedis } from '../support/redis-server.js';

// Replicas of the gateway on one tenant, sharing their token, their 429 pause and their cache
// through a real redis-server; upstream calls counted at the emulator.
let redis: RedisServer;
let emulator: Emulator;
let a: Gateway;
let b: Gateway;

const SCREEN = '{ users(first: 20) { nodes { userId email nickname roles { nodes { name } } } } organizations(first: 3) { nodes { name members(first: 5) { nodes { email } } } } }';

async function query(replica: Gateway, text: string, variables?: Record<string, unknown>) {
  const response = await replica.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
  return response.json() as Promise<{ data?: any; errors?: Array<{ message: string }> }>;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!REDIS_AVAILABLE)('replicas sharing state in Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    const replica = () => createGateway({
      upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
      cache: { ttlSeconds: 60 },
      redis: { url: redis.url, keyPrefix: 'test:' },
    });
    a = replica();
    b = replica();
    await until(() => (a.runtime.cache?.healthy?.() ?? false) && (b.runtime.cache?.healthy?.() ?? false));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulator?.close();
    await redis?.stop();
  });

  it('50 concurrent requests over two cold replicas: exactly one token request', async () => {
    // A prefix of their own: no token stored by the other tests' replicas.
    const keyPrefix = `token-test-${Date.now()}:`;
    const cold = () => createGateway({
      upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
      redis: { url: redis.url, keyPrefix },
    });
    const [c, d] = [cold(), cold()];
    try {
      emulator.resetStats();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => query(i % 2 ? c : d, '{ roles(first: 1) { nodes { name } } }')));
      expect(answers.every((r) => r.errors === undefined)).toBe(true);
      expect(emulator.tokenRequests()).toBe(1);
    } finally {
      await c.close();
      await d.close();
    }
  });

  it('a 429 answered to replica A holds replica B until the same reset', async () => {
    emulator.resetStats();
    emulator.setFaults({ rateLimitBurst: 1 });
    const first = query(a, '{ roles(first: 1, nameFilter: "pause-a") { nodes { name } } }');
    await until(() => emulator.requests().some((r) => r.status === 429));
    const refused = emulator.requests().find((r) => r.status === 429)!;
    await until(() => b.upstream.pausedUntil() > refused.at);
    const pausedUntil = b.upstream.pausedUntil();
    const second = query(b, '{ roles(first: 1, nameFilter: "pause-b") { nodes { name } } }');
    const answers = await Promise.all([first, second]);
    expect(answers.every((r) => r.errors === undefined)).toBe(true);
    const later = emulator.requests().filter((r) => r !== refused && r.at >= refused.at);
    expect(later.length).toBe(2);
    // Nothing reached the tenant between the 429 and the reset it named, from either replica.
    // (How long that is depends on where the reset second falls; the order is what must hold.)
    expect(later.every((r) => r.at >= pausedUntil - 5)).toBe(true);
  });

  it('a budget replica A reads empty (X-RateLimit-Remaining 0, no 429) holds replica B until the reset it named', async () => {
    // A tenant allowing one call of burst, refilled at one a second: A's first call leaves nothing.
    const tight = await startEmulator({ rateLimit: { limit: 1, refillPerSecond: 1 } });
    const keyPrefix = `budget-test-${Date.now()}:`;
    const replica = () => createGateway({
      upstream: { baseUrl: tight.url, auth: { mode: 'client-credentials', clientId: tight.demoClient.clientId, clientSecret: tight.demoClient.clientSecret } },
      cache: { ttlSeconds: 60 }, redis: { url: redis.url, keyPrefix },
    });
    const [c, d] = [replica(), replica()];
    try {
      await until(() => (c.runtime.cache?.healthy?.() ?? false) && (d.runtime.cache?.healthy?.() ?? false));
      const first = await query(c, '{ roles(first: 1, nameFilter: "budget-a") { nodes { name } } }');
      expect(first.errors).toBeUndefined();
      const [emptied] = tight.requests();
      expect(tight.requests()).toHaveLength(1);
      expect(emptied!.status).toBe(200);
      const reset = emptied!.rateLimitReset!;
      expect(reset).toBeGreaterThan(emptied!.at);
      // B learns the reset A read, though it met no 429 and A met none either.
      await until(() => d.upstream.pausedUntil() > 0);
      expect(d.upstream.pausedUntil()).toBe(reset);
      const second = await query(d, '{ roles(first: 1, nameFilter: "budget-b") { nodes { name } } }');
      expect(second.errors).toBeUndefined();
      const later = tight.requests().slice(1);
      // B's one call went out after the reset (so the refilled bucket answered it, not a 429).
      expect(later.map((r) => r.status)).toEqual([200]);
      expect(later[0]!.at).toBeGreaterThanOrEqual(reset - 5);
      console.log(`[shared budget] A read remaining 0 at +0 ms; reset at +${reset - emptied!.at} ms; B's call arrived at +${later[0]!.at - emptied!.at} ms, answered ${later[0]!.status}`);
    } finally {
      await c.close();
      await d.close();
      await tight.close();
    }
  });

  it('a screen read through replica A costs replica B no upstream call', async () => {
    emulator.resetStats();
    const first = await query(a, SCREEN);
    expect(first.errors).toBeUndefined();
    const cold = emulator.stats().total;
    expect(cold).toBeGreaterThan(0);
    emulator.resetStats();
    const second = await query(b, SCREEN);
    expect(emulator.stats().total).toBe(0);
    expect(second.data).toEqual(first.data);
    console.log(`[shared cache] the same screen: ${cold} calls through A, then 0 through B (each replica alone: ${cold} + ${cold})`);
  });

  it('a write through replica A is seen on replica B\'s next read', async () => {
    const { data } = await query(a, '{ users(first: 1) { nodes { userId } } }');
    const id = data.users.nodes[0].userId as string;
    await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id });
    const nickname = `shared-${Date.now()}`;
    const updated = await query(a, 'mutation ($id: ID!, $n: String) { updateUser(id: $id, input: { nickname: $n }) { nickname } }', { id, n: nickname });
    expect(updated.errors).toBeUndefined();
    const read = await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id });
    expect(read.data.user.nickname).toBe(nickname);
  });

  it('Redis stopped mid-load fails no request: the replicas serve uncached, say so, and cache again when it returns', async () => {
    const load = Array.from({ length: 20 }, (_, i) => query(i % 2 ? a : b, '{ roles(first: 3) { nodes { name } } }'));
    await redis.stop();
    const during = await Promise.all([...load, ...Array.from({ length: 20 }, (_, i) => query(i % 2 ? a : b, '{ clients(first: 2) { nodes { name } } }'))]);
    expect(during.every((r) => r.errors === undefined && r.data)).toBe(true);
    await until(() => !(a.runtime.cache?.healthy?.() ?? true));
    const ready = await a.app.fetch('http://gateway.test/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { cache: { ok: false, detail: 'shared cache unreachable: serving uncached' } } });
    expect(await (await a.app.fetch('http://gateway.test/metrics')).text()).toMatch(/gateway_cache_store_up 0/);
    emulator.resetStats();
    await query(a, '{ roles(first: 4) { nodes { name } } }');
    await query(a, '{ roles(first: 4) { nodes { name } } }');
    expect(emulator.stats().total).toBe(2);

    await redis.start();
    await until(() => a.runtime.cache?.healthy?.() ?? false);
    await query(a, '{ roles(first: 5) { nodes { name } } }');
    emulator.resetStats();
    await query(b, '{ roles(first: 5) { nodes { name } } }');
    expect(emulator.stats().total).toBe(0);
  });

  it('with a shared GATEWAY_TENANT_RATE, two replicas under load stay together within the rate and meet no 429', async () => {
    // A tenant allowing 20 requests a second with a burst of 4, and two replicas paced at 20/s together.
    const tight = await startEmulator({ rateLimit: { limit: 4, refillPerSecond: 20 } });
    const keyPrefix = `pace-test-${Date.now()}:`;
    const paced = () => createGateway({
      upstream: { baseUrl: tight.url, auth: { mode: 'client-credentials', clientId: tight.demoClient.clientId, clientSecret: tight.demoClient.clientSecret } },
      redis: { url: redis.url, keyPrefix }, tenantRate: 20,
    });
    const [c, d] = [paced(), paced()];
    try {
      await Promise.all([query(c, '{ roles(first: 1) { nodes { name } } }'), query(d, '{ roles(first: 1) { nodes { name } } }')]);
      tight.resetStats();
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => query(i % 2 ? c : d, `{ roles(first: 1, nameFilter: "r${i}") { nodes { name } } }`)));
      expect(answers.every((r) => r.errors === undefined)).toBe(true);
      const seen = tight.requests();
      expect(seen).toHaveLength(40);
      expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
      // Within any second, the rate: 21 slots fit in a second's window, and one more may arrive
      // in it when the network delays the call before it.
      const times = seen.map((r) => r.at).sort((x, y) => x - y);
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
      expect(busiest).toBeLessThanOrEqual(22);
      console.log(`[tenant rate] 40 calls over two replicas at 20/s: busiest second ${busiest} calls, 0 answered 429`);
    } finally {
      await c.close();
      await d.close();
      await tight.close();
    }
  });
});

