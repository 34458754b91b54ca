/**
 * Parse, validate and cost stay cheap for any document the limits accept (DESIGN 9).
 *
 *   npm run bench:hostile-documents [-- --runs 5]
 *
 * Starts the gateway as its own process (as it runs in production: `src/cli.ts start` on the
 * embedded emulator) with default limits and an API key holding no scopes, then sends documents
 * built to sit just under each limit: named fragments fanned out four levels deep, aliases,
 * directives, deep nesting and repeated fields. Each is sent once to warm up, then `runs` times,
 * each time as a new text (so no parse or validation cache answers). For each it prints the worst and median time to
 * the answer, and the worst time `/healthz` took to answer while those documents were in flight
 * (a frozen event loop shows there). Baseline: a one-field query in the same run. Target: every
 * hostile document answered in under 50 ms.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const runs = arg('runs', 5);
const KEY = 'bench-key-without-scopes';
import { DEFAULTS } from '../src/server/config.js';

const LIMITS = { ...DEFAULTS.limits, maxDirectives: 50 };

const spreads = (name: string, n: number) => Array.from({ length: n }, () => `...${name}`).join(' ');
/** Lexical tokens of a document, counted as the token limit counts them (roughly: names and punctuators). */
const tokens = (doc: string) => (doc.match(/\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+|"[^"]*"|[{}()[\]:@$=!|&]/g) ?? []).length;
/** The largest n for which make(n) stays under the token limit. */
function largest(make: (n: number) => string): string {
  let n = 1;
  while (tokens(make(n + 1)) < LIMITS.maxTokens - 10) n++;
  return make(n);
}

const repeated = (n: number, field: string) => Array.from({ length: n }, () => field).join(' ');
const DOCUMENTS: Record<string, string> = {
  'baseline: one field': '{ roles(first: 1) { nodes { name } } }',
  'fragment fan-out, 2 levels in a list': largest((k) => `{ roles(first: 1) { nodes { ...A } } } fragment A on Role { ${spreads('B', k)} } fragment B on Role { ${spreads('C', k)} } fragment C on Role { name id }`),
  'fragment fan-out, 4 levels (too deep)': largest((k) => `{ ...A } fragment A on Query { ${spreads('B', k)} } fragment B on Query { ${spreads('C', k)} } fragment C on Query { ${spreads('D', k)} } fragment D on Query { roles(first: 1) { nodes { name } } }`),
  'fragment fan-out, calls at the leaves': largest((k) => `{ ...A } fragment A on Query { ${spreads('B', k)} } fragment B on Query { roles(first: 1) { nodes { users(first: 1) { nodes { userId } } } } ${spreads('C', k)} } fragment C on Query { clients(first: 2) { nodes { name } } }`),
  'alias fan-out': `{ ${Array.from({ length: LIMITS.maxAliases - 1 }, (_, i) => `a${i}: roles(first: 100) { nodes { ...R } }`).join(' ')} } fragment R on Role { ${spreads('S', 400)} } fragment S on Role { name description id }`,
  'directives': `{ roles(first: 1) { nodes { ${Array.from({ length: LIMITS.maxDirectives - 1 }, (_, i) => `f${i}: name @include(if: true)`).join(' ')} } } }`,
  'deep nesting': '{ users(first: 2) { nodes { userId email name nickname picture createdAt roles(first: 2) { nodes { id name description users(first: 2) { nodes { userId email name picture user { userId email lastLogin loginsCount roles(first: 2) { nodes { id name description } } } } } } } } } }',
  'repeated fields at the limit': `{ roles(first: 1) { nodes { ${repeated(30, 'users(first: 1) { nodes { userId email } }')} ${repeated(30, 'permissions(first: 1) { nodes { permissionName } }')} ${repeated(30, 'groups(first: 1) { nodes { id } }')} } } }`,
  'repeated fields past the limit': largest((k) => `{ roles(first: 1) { nodes { ${repeated(k, 'users(first: 1) { nodes { userId email } }')} } } }`),
};

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
const config = join(dir, 'gateway.json');
writeFileSync(config, JSON.stringify({ auth: { apiKeys: [{ id: 'bench', sha256: createHash('sha256').update(KEY).digest('hex'), scopes: [] }] } }));
const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
  env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', GATEWAY_CONFIG: config, LOG_LEVEL: 'silent' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += String(chunk);
    const match = /GraphiQL: (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
});

let sent = 0;
async function post(document: string): Promise<{ ms: number; code: string }> {
  // A fresh text each time: the server's parse and validation caches must not answer for it.
  const query = `${document}\n# ${++sent}`;
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-api-key': KEY }, body: JSON.stringify({ query }),
  });
  const body = await response.json() as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
  const first = body.errors?.[0];
  if (process.env.BENCH_VERBOSE && first) console.error(first.message.slice(0, 160));
  return { ms: performance.now() - started, code: first?.extensions?.code ?? `${response.status}` };
}

/** Pings /healthz every 5 ms while `work` runs; the slowest answer. */
async function healthDuring(work: Promise<unknown>): Promise<number> {
  let worst = 0;
  let done = false;
  void work.finally(() => { done = true; });
  while (!done) {
    const started = performance.now();
    await fetch(`${base}/healthz`).then((r) => r.text());
    worst = Math.max(worst, performance.now() - started);
    await new Promise((r) => setTimeout(r, 5));
  }
  return worst;
}

const rows: string[][] = [];
let worstHostile = 0;
await post(DOCUMENTS['baseline: one field']!); // warm-up
for (const [name, query] of Object.entries(DOCUMENTS)) {
  const times: number[] = [];
  let code = '';
  let health = 0;
  await post(query); // warm: a running server has compiled its code paths
  for (let i = 0; i < runs; i++) {
    const request = post(query);
    const [result, healthMs] = await Promise.all([request, healthDuring(request)]);
    times.push(result.ms);
    code = result.code;
    health = Math.max(health, healthMs);
  }
  times.sort((a, b) => a - b);
  const worst = times[times.length - 1]!;
  if (!name.startsWith('baseline')) worstHostile = Math.max(worstHostile, worst);
  rows.push([name, String(query.length), String(tokens(query)), code, times[Math.floor(times.length / 2)]!.toFixed(1), worst.toFixed(1), health.toFixed(1)]);
}
const baseline = Number(rows[0]![4]);
const header = ['document', 'bytes', '≈tokens', 'answer', 'median ms', 'worst ms', 'worst /healthz ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`Hostile documents (${runs} runs each, default limits, gateway in its own process)`);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(`\nworst hostile document: ${worstHostile.toFixed(1)} ms (${(worstHostile / baseline).toFixed(1)}× the one-field baseline); target < 50 ms: ${worstHostile < 50 ? 'met' : 'NOT met'}`);
child.kill('SIGTERM');
