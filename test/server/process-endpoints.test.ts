import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';

// `npm start`'s process, for real: the settings reach the listeners.
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start'], {
    env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = { out: '' };
  child.stdout!.on('data', (c: Buffer) => { state.out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, state, exited };
}

describe('the server process', () => {
  it('with GATEWAY_METRICS=false and GATEWAY_GRAPHIQL=false serves neither /metrics nor a GraphiQL page', async () => {
    const { child, state, exited } = start({ GATEWAY_METRICS: 'false', GATEWAY_GRAPHIQL: 'false' });
    try {
      await expect.poll(() => state.out, { timeout: 20_000 }).toMatch(/GraphiQL: (\S+)/);
      const graphql = /GraphiQL: (\S+)/.exec(state.out)![1]!;
      expect(state.out).not.toMatch(/Metrics:/);
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
    const { child, state, exited } = start({ GATEWAY_METRICS_PORT: '0' });
    const out = () => state.out;
    try {
      await expect.poll(out, { timeout: 20_000 }).toMatch(/Metrics: (\S+)/);
      const graphql = /GraphiQL: (\S+)/.exec(out())![1]!;
      const metrics = /Metrics: (\S+)/.exec(out())![1]!;
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
