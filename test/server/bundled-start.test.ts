import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { REDIS_AVAILABLE, startRedis } from '../support/redis-server.js';
import { ROOT } from '../../src/paths.js';
import { startGatewayProcess } from '../support/gateway-process.js';

// What `npm start` runs: the esbuild bundle in dist/ (built by `npm ci` through `prepare`), with
// the settings schema compiled ahead of time, slim undici and prom-client, graphql's ES module
// build, and the emulator in its worker thread.
it('builds the bundle, which starts on the embedded emulator, answers, validates its settings and stops', async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);

  const refused = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'start'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GATEWAY_MAX_COST: '0', LOG_LEVEL: 'silent' } });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('/limits/maxCost must be >= 1');

  const { child, url, exited } = await startGatewayProcess({ EMULATOR_PORT: '0' }, { bundle: true });
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ roles(first: 2) { totalCount nodes { name } } }' }) });
    const body = await response.json() as { data: { roles: { totalCount: number; nodes: Array<{ name: string }> } } };
    expect(body.data.roles.totalCount).toBe(12);
    expect(body.data.roles.nodes).toHaveLength(2);
    // One copy of graphql in the bundle (its ES module build): the gateway's own errors keep their
    // codes, where a second copy would fail graphql's instanceof checks and mask them.
    const missing = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ user(id: "auth0|nobody") { email } }' }) })).json() as { errors: Array<{ extensions: { code: string } }> };
    expect(missing.errors.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    // The bundle carries only the parts of undici and prom-client the gateway uses (scripts/slim/).
    const metrics = await (await fetch(new URL('/metrics', url))).text();
    expect(metrics).toMatch(/^gateway_upstream_requests_total\{operation="get_roles",status="200"\} 1$/m);
    expect(metrics).toMatch(/^gateway_upstream_request_duration_seconds_count\{operation="get_roles"\} 1$/m);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}, 60_000);

// ioredis stays out of the bundle and loads with the first Redis connection (src/shared/redis-connection.ts).
it.skipIf(!REDIS_AVAILABLE)('the bundle with REDIS_URL loads ioredis when it connects, and keeps its token and cache in Redis', async () => {
  const redis = await startRedis();
  const { child, url, exited } = await startGatewayProcess({ EMULATOR_PORT: '0', REDIS_URL: redis.url, GATEWAY_REDIS_PREFIX: 'bundle:' }, { bundle: true });
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ roles(first: 1) { nodes { name } } }' }) });
    expect(((await response.json()) as { data?: unknown }).data).toBeTruthy();
    const ready = await (await fetch(new URL('/readyz', url))).json() as { checks: Record<string, { ok: boolean; detail: string }> };
    expect(ready.checks.cache).toEqual({ ok: true, detail: 'shared cache reachable' });
    const client = new Redis(redis.url);
    const keys = await client.keys('bundle:*');
    client.disconnect();
    expect(keys.some((k) => k.startsWith('bundle:token:'))).toBe(true);
    expect(keys.some((k) => k.startsWith('bundle:c:GET /roles'))).toBe(true);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await redis.stop();
  }
}, 60_000);
