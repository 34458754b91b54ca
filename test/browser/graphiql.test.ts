import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

// GraphiQL in a real headless Chromium (Debian's, installed by .ci/run) against the emulator.
// Without Chromium it is skipped locally and says so; under CI it must run.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium is required under CI and was not found at ${CHROMIUM}`);
if (!available) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (install Debian's chromium to run it)`);

let emulator: Emulator;
let gateway: Gateway;
let server: Server;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!available) return;
  emulator = await startEmulator();
  gateway = createGateway({ upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } } });
  server = createServer(gateway.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  if (!available) return;
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await gateway.close();
  await emulator.close();
});

describe.runIf(available)('GraphiQL in a browser', () => {
  it('loads /graphql, runs a users query and shows data from the emulator', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    page.on('request', (request) => {
      const target = request.url();
      if (/^https?:/.test(target) && !target.startsWith('http://127.0.0.1')) offsite.push(target);
    });
    const { data } = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users(first: 1) { nodes { email } } }' }) })).json() as { data: { users: { nodes: Array<{ email: string }> } } };
    const expected = data.users.nodes[0]!.email;
    const query = '{ users(first: 1) { nodes { email } } }';
    await page.goto(`${url}?query=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.locator('.graphiql-execute-button').first().click({ timeout: 20_000 });
    await expect.poll(async () => page.locator('.graphiql-response').first().innerText(), { timeout: 20_000 }).toContain(expected);
    mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/graphiql.png' });
    // GraphiQL's assets are served by the gateway itself: nothing is fetched from a CDN.
    expect(offsite).toEqual([]);
    await page.close();
  }, 60_000);
});
