import { afterAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

let emulator: Emulator | undefined;
let gateway: Gateway | undefined;

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

const get = async (path: string) => {
  const response = await gateway!.app.fetch(`http://gateway.test${path}`);
  return { status: response.status, text: await response.text() };
};

describe('operations endpoints', () => {
  it('/healthz answers; /readyz follows the upstream down and back up', async () => {
    emulator = await startEmulator();
    const port = Number(new URL(emulator.url).port);
    gateway = createGateway({ upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret }, retry: { maxRetries: 0 } } });
    expect(await get('/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
    expect((await get('/readyz')).status).toBe(200);

    await emulator.close();
    await new Promise((r) => setTimeout(r, 2100));
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toMatchObject({ status: 'unavailable' });
    expect(down.text).toMatch(/unreachable/);

    emulator = await startEmulator({ port });
    expect((await get('/readyz')).status).toBe(200);
  });

  it('/metrics shows upstream calls after a query', async () => {
    const response = await gateway!.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ clients(first: 1) { nodes { name } } }' }) });
    expect(response.status).toBe(200);
    const metrics = await get('/metrics');
    // One or two attempts: the restarted emulator signs with a new key, so the cached token is refused once and refreshed.
    expect(metrics.text).toMatch(/gateway_upstream_requests_total\{operation="get_clients",status="200"\} 1/);
    expect(metrics.text).toMatch(/gateway_upstream_request_duration_seconds_count\{operation="get_clients"\} [12]/);
  });
});
