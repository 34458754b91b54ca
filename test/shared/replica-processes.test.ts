import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { startGatewayProcess } from '../support/gateway-process.js';
import { REDIS_AVAILABLE, type RedisServer, startRedis } from '../support/redis-server.js';

// Two gateway processes (as two replicas are deployed) on one tenant, sharing state through a real
// redis-server; what reaches the tenant is counted at the emulator.
const KEY = 'replica-test-key';
let redis: RedisServer;
let emulator: Emulator;
const replicas: Array<{ child: ChildProcess; url: string }> = [];

let config: string;

async function startReplica(tenant: Emulator = emulator, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  return startGatewayProcess({
    GATEWAY_CONFIG: config, REDIS_URL: redis.url, GATEWAY_REDIS_PREFIX: 'processes:',
    AUTH0_DOMAIN: tenant.url, AUTH0_CLIENT_ID: tenant.demoClient.clientId, AUTH0_CLIENT_SECRET: tenant.demoClient.clientSecret, ...env,
  });
}

async function stopReplica({ child }: { child: ChildProcess }): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The epoch ms until which a replica holds its calls to the tenant, from its /metrics (0: none). */
async function pausedUntil(url: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const match = /^gateway_upstream_paused_until_seconds (\S+)$/m.exec(text);
  return match ? Number(match[1]) * 1000 : 0;
}

async function readyz(url: string) {
  const response = await fetch(new URL('/readyz', url));
  return { status: response.status, body: await response.json() as { status: string; detail: string; checks: Record<string, { ok: boolean; detail: string }> } };
}

async function query(url: string, text: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify({ query: text, variables }) });
  return response.json() as Promise<{ data?: any; errors?: Array<{ message: string }> }>;
}

describe.skipIf(!REDIS_AVAILABLE)('two gateway processes sharing state in Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    config = join(mkdtempSync(join(tmpdir(), 'replicas-')), 'gateway.json');
    writeFileSync(config, JSON.stringify({ auth: { apiKeys: [{ id: 'test', sha256: createHash('sha256').update(KEY).digest('hex'), scopes: ['read:users', 'update:users', 'read:roles', 'read:clients'] }] } }));
    // Started together: each asks for its token at start-up, at the same moment.
    replicas.push(...await Promise.all([startReplica(), startReplica()]));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map(stopReplica));
    await emulator?.close();
    await redis?.stop();
  });

  it('two replicas started together, then 50 concurrent requests over both: exactly one token request to the tenant', async () => {
    // Counted since the emulator started: the replicas' start-up (where each asks for the token) included.
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => query(replicas[i % 2]!.url, '{ roles(first: 1) { nodes { name } } }')));
    expect(answers.every((r) => r.errors === undefined && r.data)).toBe(true);
    expect(emulator.tokenRequests()).toBe(1);
  });

  it('updateUser through one replica; the next read through the other shows the change', async () => {
    const [a, b] = replicas.map((r) => r.url) as [string, string];
    const { data } = await query(a, '{ users(first: 1) { nodes { userId } } }');
    const id = data.users.nodes[0].userId as string;
    await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id });
    const nickname = `process-${Date.now()}`;
    expect((await query(a, 'mutation ($id: ID!, $n: String) { updateUser(id: $id, input: { nickname: $n }) { nickname } }', { id, n: nickname })).errors).toBeUndefined();
    expect((await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id })).data.user.nickname).toBe(nickname);
  });

  it('a 429 answered to replica A: replica B sends nothing to the tenant until the reset has passed', async () => {
    const [a, b] = replicas.map((r) => r.url) as [string, string];
    // Both replicas warm (a token each in hand), so the calls below are the only ones.
    await Promise.all([query(a, '{ roles(first: 1, nameFilter: "warm-a") { nodes { name } } }'), query(b, '{ roles(first: 1, nameFilter: "warm-b") { nodes { name } } }')]);
    emulator.resetStats();
    // The next call is refused, naming a reset a few seconds ahead (within the 10 s a replica waits at most).
    emulator.setFaults({ rateLimitBurst: 1, rateLimitResetSeconds: 3 });
    try {
      const first = query(a, '{ roles(first: 1, nameFilter: "pause-a") { nodes { name } } }');
      await until(() => emulator.requests().some((r) => r.status === 429));
      const refused = emulator.requests().find((r) => r.status === 429)!;
      const reset = refused.rateLimitReset!;
      expect(refused.query).toContain('pause-a');
      // B has heard of A's 429 (its own /metrics say it holds calls until the reset) before it is asked.
      await until(async () => (await pausedUntil(b)) >= reset - 1);
      const askedB = Date.now();
      const second = query(b, '{ roles(first: 1, nameFilter: "pause-b") { nodes { name } } }');
      const answers = await Promise.all([first, second]);
      expect(answers.every((r) => r.errors === undefined && r.data)).toBe(true);
      const later = emulator.requests().filter((r) => r !== refused);
      const fromB = later.find((r) => r.query.includes('pause-b'))!;
      const retryOfA = later.find((r) => r.query.includes('pause-a'))!;
      expect(later).toHaveLength(2);
      expect(later.map((r) => r.status)).toEqual([200, 200]);
      // The order at the tenant: the 429, then the reset, then (and only then) anything else,
      // from either replica. B was asked before the reset, or this would prove nothing.
      expect(askedB).toBeLessThan(reset);
      expect(later.every((r) => r.at >= refused.at && r.at >= reset - 5)).toBe(true);
      console.log(`[processes: 429 pause] 429 to A at +0 ms naming reset +${reset - refused.at} ms; B asked at +${askedB - refused.at} ms; `
        + `B's call reached the tenant at +${fromB.at - refused.at} ms, A's retry at +${retryOfA.at - refused.at} ms`);
    } finally {
      emulator.setFaults({});
    }
  });

  it('with a shared GATEWAY_TENANT_RATE of 5/s, two replicas under concurrent load stay within it at the tenant and meet no 429', async () => {
    // A tenant allowing 5 calls a second with a burst of 3: going faster than 5/s together gets 429s.
    const tight = await startEmulator({ rateLimit: { limit: 3, refillPerSecond: 5 } });
    const env = { GATEWAY_TENANT_RATE: '5', GATEWAY_REDIS_PREFIX: `paced-${Date.now()}:` };
    const paced = await Promise.all([startReplica(tight, env), startReplica(tight, env)]);
    try {
      const calls = 30;
      const answers = await Promise.all(Array.from({ length: calls }, (_, i) => query(paced[i % 2]!.url, `{ roles(first: 1, nameFilter: "load-${i}") { nodes { name } } }`)));
      expect(answers.every((r) => r.errors === undefined && r.data)).toBe(true);
      const seen = tight.requests();
      expect(seen).toHaveLength(calls);
      expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
      // Calls in any 1-second window at the tenant: the rate, plus the bucket's burst of 3 for
      // calls the network bunched up.
      const times = seen.map((r) => r.at).sort((x, y) => x - y);
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
      expect(busiest).toBeLessThanOrEqual(5 + 3);
      console.log(`[processes: tenant rate] ${calls} concurrent calls over two replicas at 5/s: busiest 1-s window ${busiest} calls, `
        + `spread over ${times[times.length - 1]! - times[0]!} ms, 0 answered 429`);
    } finally {
      await Promise.all(paced.map(stopReplica));
      await tight.close();
    }
  }, 60_000);

  it('Redis stopped mid-load: no failed GraphQL request, /readyz says so, and the replicas share again once it returns', async () => {
    const [a, b] = replicas.map((r) => r.url) as [string, string];
    const ask = (i: number, what: string) => query(i % 2 ? a : b, `{ roles(first: 2, nameFilter: "${what}-${i}") { nodes { name } } }`);
    const inFlight = Array.from({ length: 20 }, (_, i) => ask(i, 'before'));
    await redis.stop();
    const during = Array.from({ length: 20 }, (_, i) => ask(i, 'during'));
    const answers = await Promise.all([...inFlight, ...during]);
    const failed = answers.filter((r) => r.errors !== undefined || !r.data);
    expect(failed).toEqual([]);
    // Still ready, serving uncached, and saying why in the cache check's detail.
    await until(async () => (await readyz(a)).body.checks.cache?.ok === false && (await readyz(b)).body.checks.cache?.ok === false);
    const down = await readyz(a);
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'ready', checks: { cache: { ok: false, detail: 'shared cache unreachable: serving uncached' } } });
    const more = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i, 'still-down')));
    expect(more.every((r) => r.errors === undefined && r.data)).toBe(true);
    console.log(`[processes: Redis down] ${answers.length + more.length} requests across the outage, ${failed.length} failed; /readyz: ${down.status} ${JSON.stringify(down.body.checks.cache)}`);

    await redis.start();
    await until(async () => (await readyz(a)).body.checks.cache?.ok === true && (await readyz(b)).body.checks.cache?.ok === true);
    // Shared again: a read through A costs B nothing, and a write through A is seen on B's next read.
    await query(a, '{ roles(first: 7) { nodes { name } } }');
    emulator.resetStats();
    expect((await query(b, '{ roles(first: 7) { nodes { name } } }')).errors).toBeUndefined();
    expect(emulator.stats().total).toBe(0);
    const { data } = await query(a, '{ users(first: 1) { nodes { userId } } }');
    const id = data.users.nodes[0].userId as string;
    await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id });
    const nickname = `after-outage-${Date.now()}`;
    expect((await query(a, 'mutation ($id: ID!, $n: String) { updateUser(id: $id, input: { nickname: $n }) { nickname } }', { id, n: nickname })).errors).toBeUndefined();
    expect((await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id })).data.user.nickname).toBe(nickname);
  }, 60_000);
});
