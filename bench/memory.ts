/**
 * Memory held after a burst: nothing of a finished request should stay (timers, listeners,
 * loaders). Run with the garbage collector exposed:
 *
 *   npm run bench:memory [-- --requests 20000 --concurrency 50]
 *
 * Prints the heap before the burst (the baseline, after warm-up), at its peak, and 5 s after it,
 * each after a full collection, with the cross-request cache on as `npm start` has it.
 * Then the resident memory of the gateway as its own process (the bundle `npm start` runs, in
 * front of this emulator) before and at the peak of the same burst over HTTP (Linux: /proc).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { ROOT } from '../src/paths.js';
import { createGateway } from '../src/server/gateway.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const requests = arg('requests', 20_000);
const concurrency = arg('concurrency', 50);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc');

const emulator = await startEmulator({ rateLimit: false });
const gateway = createGateway({
  upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
  cache: { ttlSeconds: 15 },
});
const query = async (i: number) => (await gateway.app.fetch('http://bench/graphql', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `{ users(first: 5, q: "logins_count:[${i % 50} TO *]") { nodes { email roles { nodes { name } } } } }` }),
})).text();

const heap = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
for (let i = 0; i < 500; i++) await query(i);
const baseline = heap();
let peak = baseline;
let sent = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (sent < requests) {
    const i = sent++;
    await query(i);
    if (i % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed / 2 ** 20);
  }
}));
const seconds = (performance.now() - started) / 1000;
const during = heap();
await new Promise((r) => setTimeout(r, 5_000));
const after = heap();
console.log(`${requests} requests, ${concurrency} at a time, in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)} req/s)`);
console.log(`heap MiB: baseline ${baseline.toFixed(1)}, peak ${peak.toFixed(1)}, right after ${during.toFixed(1)}, 5 s after ${after.toFixed(1)} (${(((after - baseline) / baseline) * 100).toFixed(1)}% over the baseline; target within 10%)`);
await gateway.close();

// The gateway as its own process: resident memory before the burst and at its peak (VmHWM).
const status = (pid: number, field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
if (existsSync('/proc/self/status') && existsSync(join(ROOT, 'dist', 'cli.js'))) {
  const key = 'bench-memory-key';
  const settings = join(mkdtempSync(join(tmpdir(), 'bench-memory-')), 'gateway.json');
  writeFileSync(settings, JSON.stringify({ auth: { apiKeys: [{ id: 'bench', sha256: createHash('sha256').update(key).digest('hex'), scopes: ['read:users', 'read:roles'] }] } }));
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'start'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', GATEWAY_CONFIG: settings, AUTH0_DOMAIN: emulator.url, AUTH0_CLIENT_ID: emulator.demoClient.clientId, AUTH0_CLIENT_SECRET: emulator.demoClient.clientSecret },
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => { out += String(chunk); const m = /GraphiQL: (\S+)/.exec(out); if (m) resolve(m[1]!); });
  });
  const overHttp = async (i: number) => (await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query: `{ users(first: 5, q: "logins_count:[${i % 50} TO *]") { nodes { email roles { nodes { name } } } } }` }),
  })).text();
  for (let i = 0; i < 500; i++) await overHttp(i);
  const before = status(child.pid!, 'VmRSS');
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) await overHttp(next++);
  }));
  const peakRss = status(child.pid!, 'VmHWM');
  console.log(`gateway process (the bundle, over HTTP, same burst): resident MiB after warm-up ${before.toFixed(0)}, peak ${peakRss.toFixed(0)}`);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}
await emulator.close();
