/**
 * Schema generation and start-up times.
 *
 *   npm run bench:schema [-- --runs 5]
 *
 * Prints, as medians over the runs:
 * - generation: spec → SDL + metadata, in process (cold = the first run of this process);
 * - in-process start-up from the committed artifacts (read the compact schema + metadata, build
 *   the executable schema, create the Yoga app, answer a first query), against the baseline of
 *   generating the schema from the spec at start-up instead;
 * - process start-up: the command `npm start` runs (package.json), spawned cold until it answers
 *   a first query that reaches the tenant, against two baselines measured in the same run:
 *   Node itself (a process that only listens and answers: what no code of ours can go below on
 *   this machine) and the TypeScript sources through tsx (what `npm run dev` does).
 *   Build first: `npm run build` (npm ci does).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExecutableSchema } from '../src/resolvers/executable-schema.js';
import { generate } from '../src/schema/generate.js';
import { buildASTSchema, parse } from 'graphql';
import { schemaFromCompact } from '../src/schema/compact.js';
import { loadGenerated, loadSdl } from '../src/schema/load.js';
import { createApp } from '../src/server/app.js';
import { ROOT, SPEC_FILE } from '../src/paths.js';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildResolvers } from '../src/resolvers/index.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function firstQuery(app: ReturnType<typeof createApp>): Promise<void> {
  const response = await app.fetch('http://bench/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
  });
  if (response.status !== 200) throw new Error(`first query answered ${response.status}`);
}

async function timed(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Spawned with `args`, until it prints its address and answers `query` there. */
async function processStartup(args: string[], query = '{ roles(first: 1) { nodes { name } } }'): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT, env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /GraphiQL: (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`start exited with ${code}`)));
    });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    if (response.status !== 200) throw new Error(`first query answered ${response.status}`);
    await response.text();
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** `npm start`'s command, from package.json: `node <args>`. */
function npmStartArgs(): string[] {
  const command = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [program, ...args] = command.split(/\s+/);
  if (program !== 'node') throw new Error(`npm start runs ${program}, not node: measure it by hand`);
  return args;
}

/** A process that only listens and answers, as the gateway's start-up would with no work of its own. */
const NODE_ALONE = [
  '--input-type=module', '-e',
  "import { createServer } from 'node:http'; const s = createServer((q, r) => r.end('{}')).listen(0, '127.0.0.1', () => console.log(`GraphiQL: http://127.0.0.1:${s.address().port}/graphql`));",
];

const generation: number[] = [];
for (let i = 0; i < runs; i++) generation.push(await timed(() => generate(SPEC_FILE)));

// The schema step alone: what start-up reads now (compact JSON, field maps made on first use)
// against what it read before (the SDL, parsed and built whole).
const compactStep: number[] = [];
const sdlStep: number[] = [];
for (let i = 0; i < runs; i++) {
  compactStep.push(await timed(() => schemaFromCompact(loadGenerated().schema)));
  sdlStep.push(await timed(() => buildASTSchema(parse(loadSdl(), { noLocation: true }), { assumeValid: true, assumeValidSDL: true })));
}

const fromArtifacts: number[] = [];
const fromSpec: number[] = [];
for (let i = 0; i < runs; i++) {
  fromArtifacts.push(await timed(async () => firstQuery(createApp({ schema: createExecutableSchema(loadGenerated()) }))));
  fromSpec.push(await timed(async () => {
    const result = generate(SPEC_FILE);
    const schema = makeExecutableSchema({ typeDefs: result.sdl, resolvers: buildResolvers(result.metadata) });
    await firstQuery(createApp({ schema }));
  }));
}

// Interleaved, so that a change in the machine's load touches all three alike.
const compiled: number[] = [];
const sources: number[] = [];
const nodeAlone: number[] = [];
await fetch('data:,').catch(() => {});
for (let i = 0; i < runs; i++) {
  compiled.push(await processStartup(npmStartArgs()));
  nodeAlone.push(await processStartup(NODE_ALONE));
  sources.push(await processStartup(['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start']));
}

console.log(`runs: ${runs} (medians)`);
console.log(`generation (spec → SDL + metadata): ${ms(median(generation))} (cold first run ${ms(generation[0]!)})`);
console.log(`schema step: compact JSON with lazy field maps ${ms(median(compactStep))}; SDL parsed and built whole ${ms(median(sdlStep))} → ${(median(sdlStep) / median(compactStep)).toFixed(1)}× faster`);
console.log(`start-up to a served schema, in process, from committed artifacts: ${ms(median(fromArtifacts))}`);
console.log(`baseline, generating from the spec at start-up: ${ms(median(fromSpec))}  → artifacts are ${(median(fromSpec) / median(fromArtifacts)).toFixed(1)}× faster`);
console.log(`\`npm start\` as a new process until its first answer: ${ms(median(compiled))} (target 500 ms: ${median(compiled) < 500 ? 'met' : 'not met'})`);
console.log(`  Node alone (a process that only listens and answers), same run: ${ms(median(nodeAlone))} → the gateway's own start-up: ${ms(median(compiled) - median(nodeAlone))}`);
console.log(`  the sources through tsx (npm run dev): ${ms(median(sources))} → ${(median(sources) / median(compiled)).toFixed(1)}× slower`);
