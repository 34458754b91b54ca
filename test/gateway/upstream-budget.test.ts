import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, type HarnessOptions, startHarness } from '../support/harness.js';

// No single request can drain the tenant's rate limit or hold every upstream slot: counted at
// the emulator, where the calls land.
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: HarnessOptions): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

// 60 aliases of 100 roles, each role's users counted with `first: 0`: the old cost (each field 1,
// `first` times under a connection) put it near 6,100, under its limit of 20,000, so it ran: 6,060
// calls, before any retry of the 429s they would meet. Every alias and every `totalCount` is a call.
const aliasStorm = Array.from({ length: 60 }, (_, i) =>
  `r${i}: roles(first: 100, after: "${Buffer.from(JSON.stringify({ m: 'o', i })).toString('base64url')}") { nodes { users(first: 0) { totalCount } } }`).join(' ');

describe('the call budget', () => {
  it('refuses an alias storm the old cost let through, before any call', async () => {
    const g = await harness({});
    g.resetCalls();
    const { errors, data } = await g.query(`{ ${aliasStorm} }`);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 500, cost: 60 * (2 + 100) });
    expect(g.calls()).toBe(0);
  });

  it('stops a request at its budget: no call past it, the rest fail with UPSTREAM_BUDGET_EXCEEDED, siblings keep their data', async () => {
    const g = await harness({ limits: { maxCost: 10_000, maxUpstreamCalls: 5 }, upstreamOverrides: { maxConcurrency: 1 } });
    g.resetCalls();
    const { data, errors } = await g.query('{ roles(first: 10) { nodes { name users(first: 1) { nodes { userId } } } } }');
    expect(g.calls()).toBe(5);
    const roles = data!.roles.nodes as Array<{ name: string; users: { nodes: unknown[] } | null }>;
    expect(roles).toHaveLength(10);
    expect(roles.every((r) => typeof r.name === 'string')).toBe(true);
    expect(roles.filter((r) => r.users !== null)).toHaveLength(4);
    expect(errors).toHaveLength(6);
    expect(errors!.every((e) => e.extensions?.code === 'UPSTREAM_BUDGET_EXCEEDED' && e.path?.[3] === 'users')).toBe(true);
    expect(errors![0]!.message).toMatch(/allowance of 5 Management API calls/);
    expect(data).toBeTruthy();
  });

  it('counts retries against the budget', async () => {
    const g = await harness({ limits: { maxUpstreamCalls: 3 }, upstreamOverrides: { retry: { maxRetries: 10, maxWaitMs: 1, baseDelayMs: 1 } } });
    g.emulator.setFaults({ rateLimitBurst: 10 });
    g.resetCalls();
    const { errors } = await g.query('{ roles(first: 1) { nodes { name } } }');
    expect(g.calls()).toBe(3);
    expect(errors?.[0]?.extensions?.code).toBe('UPSTREAM_BUDGET_EXCEEDED');
  });

  it('one request holds at most its share of the upstream slots: an unrelated read is not stuck behind its hung calls', async () => {
    const g = await harness({
      limits: { requestConcurrency: 8, upstreamTimeoutMs: 1_500 },
      upstreamOverrides: { maxConcurrency: 16, retry: { maxRetries: 0 } },
    });
    g.emulator.setFaults({ hang: 16, operationId: 'get_role_user' });
    g.resetCalls();
    const order: string[] = [];
    const hog = g.query('{ roles(first: 12) { nodes { users(first: 1) { nodes { userId } } } } }').then((r) => { order.push('hog'); return r; });
    // Let the hog's calls go out and hang first.
    await until(() => g.emulator.requests().filter((r) => r.operationId === 'get_role_user').length >= 8);
    const read = await g.query('{ users(first: 1) { nodes { userId } } }');
    order.push('read');
    expect(read.errors).toBeUndefined();
    expect(g.emulator.requests().filter((r) => r.operationId === 'get_role_user')).toHaveLength(8);
    const hogged = await hog;
    expect(order).toEqual(['read', 'hog']);
    expect(hogged.errors?.some((e) => e.extensions?.code === 'UPSTREAM_TIMEOUT')).toBe(true);
  });
});

describe('unknown outcomes are named', () => {
  it('a create answered after the request timed out is UPSTREAM_OUTCOME_UNKNOWN (it was applied), never retried, and counted', async () => {
    const g = await harness({ limits: { requestTimeoutMs: 300 } });
    g.emulator.setFaults({ latencyMs: 800, operationId: 'post_roles' });
    g.resetCalls();
    const { errors } = await g.query('mutation { createRole(input: { name: "Late write" }) { id } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', operationId: 'post_roles' });
    expect(errors?.[0]?.message).toMatch(/may have been applied/);
    // The write did happen upstream, once.
    await until(() => g.emulator.requests().some((r) => r.operationId === 'post_roles' && r.status === 200));
    expect(g.emulator.requests().filter((r) => r.operationId === 'post_roles')).toHaveLength(1);
    g.emulator.setFaults({});
    const { data } = await g.query('{ roles(first: 100) { nodes { name } } }');
    expect(data!.roles.nodes.filter((r: { name: string }) => r.name === 'Late write')).toHaveLength(1);
    const metrics = await (await g.gateway.app.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toMatch(/gateway_upstream_outcome_unknown_total\{operation="post_roles"\} 1/);
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
