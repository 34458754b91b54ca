/**
 * Schema generation and start-up times.
 *
 *   npm run bench:schema [-- --runs 5]
 *
 * Prints, as medians over the runs:
 * - generation: spec → SDL + metadata, in process (cold = the first run of this process);
 * - in-process start-up from the committed artifacts (read SDL + metadata, build the executable
 *   schema, create the Yoga app, answer a first query), against the baseline of generating the
 *   schema from the spec at start-up instead (what start-up would cost without committed output);
 * - process start-up: `npm start` (the compiled `dist/cli.js start`, on the embedded emulator)
 *   spawned cold until it answers its first query that reaches the tenant, against running the
 *   TypeScript sources through tsx (what `npm run dev` does). Build first: `npm run build`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createExecutableSchema } from '../src/resolvers/executable-schema.js';
import { generate } from '../src/schema/generate.js';
import { loadGenerated } from '../src/schema/load.js';
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

async function processStartup(args: string[]): Promise<number> {
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
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ roles(first: 1) { nodes { name } } }"}' });
    if (response.status !== 200) throw new Error(`first query answered ${response.status}`);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
  }
}

const generation: number[] = [];
for (let i = 0; i < runs; i++) generation.push(await timed(() => generate(SPEC_FILE)));

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

const compiled: number[] = [];
const sources: number[] = [];
for (let i = 0; i < runs; i++) {
  compiled.push(await processStartup([join(ROOT, 'dist', 'cli.js'), 'start']));
  sources.push(await processStartup(['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start']));
}

console.log(`runs: ${runs} (medians)`);
console.log(`generation (spec → SDL + metadata): ${ms(median(generation))} (cold first run ${ms(generation[0]!)})`);
console.log(`start-up to a served schema, in process, from committed artifacts: ${ms(median(fromArtifacts))}`);
console.log(`baseline, generating from the spec at start-up: ${ms(median(fromSpec))}  → artifacts are ${(median(fromSpec) / median(fromArtifacts)).toFixed(1)}× faster`);
console.log(`\`npm start\` (compiled) as a new process until its first answer: ${ms(median(compiled))} (target 500 ms: ${median(compiled) < 500 ? 'met' : 'not met'}); the sources through tsx: ${ms(median(sources))} → ${(median(sources) / median(compiled)).toFixed(1)}× slower`);
