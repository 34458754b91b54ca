/**
 * Child process of test/server/memory-after-burst.test.ts (run with --expose-gc): a gateway alone
 * in its process, against the emulator named by EMULATOR_URL, sends itself a burst and prints
 * the heap before and after it, each after a full collection, as one JSON line.
 */
import { createGateway } from '../../src/server/gateway.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const requests = Number(process.env.BURST_REQUESTS ?? 3000);
const concurrency = 50;
const gateway = createGateway({
  upstream: { baseUrl: process.env.EMULATOR_URL!, auth: { mode: 'client-credentials', clientId: process.env.EMULATOR_CLIENT_ID!, clientSecret: process.env.EMULATOR_CLIENT_SECRET! } },
  cache: { ttlSeconds: 15 },
});
// Queries that differ (another cache key, another deadline, another set of loaders each time),
// with one in ten refused by validation: failed requests must not hold memory either.
const query = async (i: number) => (await gateway.app.fetch('http://test/graphql', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: i % 10 === 9 ? '{ users { nope } }' : `{ users(first: 3, q: "logins_count:[${i % 40} TO *]") { nodes { email roles { nodes { name } } } } }` }),
})).text();
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

for (let i = 0; i < 400; i++) await query(i);
const baseline = heap();
let sent = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (sent < requests) await query(sent++);
}));
const after = heap();
await gateway.close();
console.log(JSON.stringify({ requests, baseline, after }));
