/**
 * Memory held after a burst: nothing of a finished request should stay (timers, listeners,
 * loaders). Run with the garbage collector exposed:
 *
 *   npm run bench:memory [-- --requests 20000 --concurrency 50]
 *
 * Prints the heap before the burst (the baseline, after warm-up), at its peak, and 5 s after it,
 * each after a full collection, with the cross-request cache on as `npm start` has it.
 */
import { startEmulator } from '../src/emulator/index.js';
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
await emulator.close();
