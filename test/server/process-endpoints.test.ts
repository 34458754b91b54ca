import { describe, expect, it } from 'vitest';
import { startGatewayProcess } from '../support/gateway-process.js';

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
});
