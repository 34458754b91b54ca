import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createAuthenticator } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway.js';
import { startMetricsServer } from '../../src/server/metrics-server.js';
import { createReadiness, type ProbeResult } from '../../src/server/readiness.js';

let emulator: Emulator;
const gateways: Gateway[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await emulator.close();
});

beforeEach(() => {
  emulator.setFaults({});
  emulator.resetStats();
});

function gateway(options: Partial<GatewayOptions> = {}): Gateway {
  const g = createGateway({
    ...options,
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret }, retry: { maxRetries: 0 } },
  });
  gateways.push(g);
  return g;
}

const get = async (g: Gateway, path: string, headers: Record<string, string> = {}) => {
  const response = await g.app.fetch(`http://gateway.test${path}`, { headers });
  return { status: response.status, text: await response.text() };
};

describe('/healthz', () => {
  it('answers at once, even while a /readyz probe waits on a hanging upstream', async () => {
    const g = gateway({ readiness: { cacheMs: 0, probeTimeoutMs: 3_000 } });
    emulator.setFaults({ hang: 1 });
    let probed = false;
    const readyz = get(g, '/readyz').then((answer) => { probed = true; return answer; });
    // Order, not time: /healthz has answered while the probe still waits for its timeout.
    expect(await get(g, '/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
    expect(probed).toBe(false);
    expect((await readyz).status).toBe(503);
  });
});

describe('/readyz', () => {
  it('follows the upstream down after consecutive failed probes, and back up after one success', async () => {
    // Its own emulator, to stop and restart on the same port; no cache, so every request probes.
    let own = await startEmulator();
    const port = Number(new URL(own.url).port);
    const g = createGateway({ upstream: { baseUrl: own.url, auth: { mode: 'client-credentials', clientId: own.demoClient.clientId, clientSecret: own.demoClient.clientSecret }, retry: { maxRetries: 0 } }, readiness: { cacheMs: 0 } });
    try {
      expect((await get(g, '/readyz')).status).toBe(200);
      await own.close();
      // Two failed probes: still ready (hysteresis), saying what failed.
      for (const n of [1, 2]) {
        const flapping = await get(g, '/readyz');
        expect(flapping.status).toBe(200);
        expect(JSON.parse(flapping.text)).toMatchObject({ status: 'ready', detail: expect.stringContaining(`after ${n} of 3 failed probes; upstream: upstream unreachable`) });
      }
      const down = await get(g, '/readyz');
      expect(down.status).toBe(503);
      expect(JSON.parse(down.text)).toMatchObject({ status: 'unavailable', checks: { upstream: { ok: false } } });
      expect(down.text).toMatch(/upstream: upstream unreachable/);

      own = await startEmulator({ port });
      expect((await get(g, '/readyz')).status).toBe(200);
    } finally {
      await g.close();
      await own.close();
    }
  });

  it('counts a slow but answering upstream as ready: latency alone is not failure', async () => {
    const g = gateway({ readiness: { cacheMs: 0, failuresBeforeUnready: 1 } });
    emulator.setFaults({ latencyMs: 1_200 });
    const ready = await get(g, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'ready', checks: { upstream: { ok: true } } });
  });

  it('reports not ready, without hanging, when a probe gives no answer within the probe timeout', async () => {
    const g = gateway({ readiness: { cacheMs: 0, failuresBeforeUnready: 1, probeTimeoutMs: 300 } });
    emulator.setFaults({ hang: 1 });
    const started = Date.now();
    const down = await get(g, '/readyz');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(down.status).toBe(503);
    expect(down.text).toMatch(/upstream: no answer within 300 ms/);
  });

  it('probes once for a flood of /readyz within the cache window', async () => {
    const g = gateway({ readiness: { cacheMs: 60_000 } });
    const answers = await Promise.all(Array.from({ length: 25 }, () => get(g, '/readyz')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await get(g, '/readyz')).status).toBe(200);
    // Each probe is one GET /api/v2/ at the emulator.
    expect(emulator.stats().total).toBe(1);
  });

  describe('with JWT callers', () => {
    // A JWKS that accepts connections and never answers.
    let silent: TcpServer;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createTcpServer((socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });

    it('reports not ready within the JWKS timeout when the JWKS hangs, naming it', async () => {
      const jwksUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/jwks.json`;
      const g = gateway({
        authenticate: createAuthenticator({ jwt: { jwksUrl, issuer: 'https://issuer.test/', audience: 'https://gateway.test/', jwksTimeoutMs: 300 }, apiKeys: [] }, { open: false }),
        readiness: { cacheMs: 0, failuresBeforeUnready: 1 },
      });
      const started = Date.now();
      const down = await get(g, '/readyz');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.text)).toMatchObject({ checks: { upstream: { ok: true }, jwks: { ok: false } } });
      expect(down.text).toMatch(/jwks: JWKS unavailable \(ERR_JWKS_TIMEOUT\)/);
      expect(down.text).not.toContain(jwksUrl);
    });
  });
});

describe('readiness state', () => {
  // Scripted probe results and a hand-moved clock: no waiting on the cache window.
  function scripted(results: boolean[]) {
    let calls = 0;
    const probe = async (): Promise<ProbeResult> => {
      const ok = results[Math.min(calls, results.length - 1)]!;
      calls += 1;
      return { ok, detail: ok ? 'fine' : 'broken' };
    };
    return { probe, calls: () => calls };
  }

  it('is not ready before its first success, flips after N consecutive failures, and back after one success', async () => {
    const upstream = scripted([false, true, false, false, true, false, false, false, true]);
    const check = createReadiness([{ name: 'upstream', probe: upstream.probe }], { cacheMs: 0, failuresBeforeUnready: 3 });
    const states: boolean[] = [];
    for (let i = 0; i < 9; i++) states.push((await check()).ready);
    expect(states).toEqual([false, true, true, true, true, true, true, false, true]);
  });

  it('reuses a result within the cache window and probes again after it, by the injected clock', async () => {
    let now = 1_000;
    const upstream = scripted([true]);
    const check = createReadiness([{ name: 'upstream', probe: upstream.probe }], { cacheMs: 2_000, now: () => now });
    await Promise.all([check(), check(), check()]);
    await check();
    expect(upstream.calls()).toBe(1);
    now += 1_999;
    await check();
    expect(upstream.calls()).toBe(1);
    now += 1;
    await check();
    expect(upstream.calls()).toBe(2);
  });

  it('says which check failed', async () => {
    const check = createReadiness([
      { name: 'upstream', probe: scripted([true]).probe },
      { name: 'jwks', probe: scripted([false]).probe },
    ], { cacheMs: 0, failuresBeforeUnready: 1 });
    expect(await check()).toEqual({ ready: false, detail: 'jwks: broken', checks: { upstream: { ok: true, detail: 'fine' }, jwks: { ok: false, detail: 'broken' } } });
  });
});

describe('/metrics', () => {
  it('shows upstream calls after a query', async () => {
    const g = gateway();
    const response = await g.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ clients(first: 1) { nodes { name } } }' }) });
    expect(response.status).toBe(200);
    const metrics = await get(g, '/metrics');
    expect(metrics.text).toMatch(/gateway_upstream_requests_total\{operation="get_clients",status="200"\} 1/);
    expect(metrics.text).toMatch(/gateway_upstream_request_duration_seconds_count\{operation="get_clients"\} 1/);
  });

  it('answers 404 when metrics are not served on the gateway port', async () => {
    const g = gateway({ metricsEndpoint: false });
    expect((await get(g, '/metrics')).status).toBe(404);
    expect((await get(g, '/healthz')).status).toBe(200);
  });

  it('can be served on a listener of its own on 127.0.0.1', async () => {
    const g = gateway({ metricsEndpoint: false });
    await g.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ clients(first: 1) { nodes { name } } }' }) });
    const server = await startMetricsServer(g.metrics, 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/gateway_upstream_requests_total\{operation="get_clients",status="200"\} 1/);
      expect((await fetch(server.url.replace('/metrics', '/graphql'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('GraphiQL switch', () => {
  it('serves no GraphiQL page to a browser when off', async () => {
    const on = await get(gateway(), '/graphql', { accept: 'text/html' });
    expect(on.text).toContain('<title>Auth0 Management API — GraphQL</title>');
    const off = await get(gateway({ graphiql: false }), '/graphql', { accept: 'text/html' });
    expect(off.text).not.toContain('<title>Auth0 Management API — GraphQL</title>');
    expect(off.text).not.toMatch(/graphiql/i);
  });

  it('sends the page compressed to a browser that accepts it', async () => {
    const app = gateway();
    const plain = await app.app.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    const size = (await plain.arrayBuffer()).byteLength;
    for (const encoding of ['br', 'gzip']) {
      const response = await app.app.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': `${encoding}, deflate` } });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      const compressed = Buffer.from(await response.arrayBuffer());
      expect(compressed.byteLength).toBeLessThan(size / 3);
      const html = (encoding === 'br' ? brotliDecompressSync(compressed) : gunzipSync(compressed)).toString('utf8');
      expect(html).toContain('<title>Auth0 Management API — GraphQL</title>');
    }
  });
});
