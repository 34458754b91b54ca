import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process.js';

/**
 * A gateway process in front of an emulator tenant of its own (with the API key a tenant requires),
 * for `body`; then both stop, and the process must exit cleanly.
 */
async function inFrontOfTenant(env: (tenant: Emulator) => Record<string, string>, body: (gateway: GatewayProcess, tenant: Emulator) => Promise<void>): Promise<void> {
  const tenant = await startEmulator();
  const gateway = await startGatewayProcess({ GATEWAY_CONFIG: apiKeyConfig(), AUTH0_DOMAIN: tenant.url, AUTH0_CLIENT_ID: tenant.demoClient.clientId, ...env(tenant) });
  try {
    await body(gateway, tenant);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  } finally {
    gateway.child.kill('SIGKILL');
    await tenant.close();
  }
}

/** A settings file with one API key, as a gateway in front of a tenant requires. */
function apiKeyConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'process-endpoints-')), 'gateway.json');
  writeFileSync(file, JSON.stringify({ auth: { apiKeys: [{ id: 'test', sha256: createHash('sha256').update('process-key').digest('hex'), scopes: ['read:roles'] }] } }));
  return file;
}

// `npm start`'s process, for real: the settings reach the listeners.
describe('the server process', () => {
  it('with GATEWAY_METRICS=false and GATEWAY_GRAPHIQL=false serves neither /metrics nor a GraphiQL page', async () => {
    const { child, url: graphql, output, exited } = await startGatewayProcess({ EMULATOR_PORT: '0', GATEWAY_METRICS: 'false', GATEWAY_GRAPHIQL: 'false' });
    try {
      expect(output()).not.toMatch(/Metrics:/);
      expect((await fetch(new URL('/metrics', graphql))).status).toBe(404);
      const page = await fetch(graphql, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
      expect((await fetch(new URL('/healthz', graphql))).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);

  it('with GATEWAY_METRICS_PORT serves /metrics on its own 127.0.0.1 listener and not on the gateway port', async () => {
    const { child, url: graphql, output, exited } = await startGatewayProcess({ EMULATOR_PORT: '0', GATEWAY_METRICS_PORT: '0' });
    try {
      await expect.poll(output, { timeout: 20_000 }).toMatch(/Metrics: (\S+)/);
      const metrics = /Metrics: (\S+)/.exec(output())![1]!;
      expect(metrics).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(metrics).port).not.toBe(new URL(graphql).port);
      const own = await fetch(metrics);
      expect(own.status).toBe(200);
      expect(await own.text()).toContain('gateway_upstream_requests_total');
      expect((await fetch(new URL('/metrics', graphql))).status).toBe(404);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);

  it('asks for its Management API token at start-up, once, before any query', async () => {
    await inFrontOfTenant((tenant) => ({ AUTH0_CLIENT_SECRET: tenant.demoClient.clientSecret }), async (_, tenant) => {
      await expect.poll(() => tenant.tokenRequests(), { timeout: 10_000 }).toBe(1);
      expect(tenant.requests().filter((r) => r.path.startsWith('/api/v2/'))).toEqual([]);
    });
  }, 40_000);

  it('credentials the tenant refuses show in the log at start-up, without the secret, and the gateway still starts', async () => {
    const secret = 'not-the-secret-5f0c1d';
    await inFrontOfTenant(() => ({ LOG_LEVEL: 'warn', AUTH0_CLIENT_SECRET: secret }), async ({ url, output }) => {
      await expect.poll(output, { timeout: 10_000 }).toMatch(/No Management API token at start-up \(The token endpoint refused the gateway's client credentials/);
      expect(output()).toMatch(/"code":"UPSTREAM_UNAUTHORIZED"/);
      expect(output()).not.toContain(secret);
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    });
  }, 40_000);
});
