/**
 * `npm run build` (run by `npm ci` through `prepare`): bundles the gateway into dist/ so that
 * `npm start` loads a handful of files instead of resolving and compiling ~1,000 modules.
 *
 * - ES modules with code splitting: what a command does not use (the generator, GraphiQL's
 *   9 MB page) stays in a chunk loaded only when needed.
 * - Chunks sit flat in dist/, one level below the project root: src/paths.ts finds the root
 *   from its own file, in src/ or in dist/ alike.
 * - Dependencies are bundled; packages written as CommonJS get a `require` for Node's own
 *   modules through the banner.
 * - The settings' JSON Schema is compiled ahead of time (ajv standalone code) and replaces
 *   src/server/config-validator.ts, which compiles it at run time from the sources.
 * - Of undici and prom-client, only what the gateway uses is bundled (scripts/slim/); graphql is
 *   bundled from its ES module build.
 * - Types are checked by `npm test` (tsc --noEmit), not here.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const outdir = new URL('../dist/', import.meta.url).pathname;
const slimDir = new URL('./slim/', import.meta.url).pathname;
const graphqlDir = dirname(createRequire(import.meta.url).resolve('graphql/package.json'));
const scratch = mkdtempSync(join(tmpdir(), 'gateway-build-'));
const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };
const nodePaths = [new URL('../node_modules', import.meta.url).pathname];
const common = { nodePaths, bundle: true, format: 'esm', platform: 'node', target: 'node20', banner, logLevel: 'warning' };

try {
  // The schema as the sources define it, compiled with the options config-validator.ts uses.
  await build({ ...common, entryPoints: ['src/server/config.ts'], outfile: join(scratch, 'config.mjs') });
  const { SCHEMA } = await import(pathToFileURL(join(scratch, 'config.mjs')).href);
  const ajv = new Ajv({ allErrors: true, code: { source: true, esm: true } });
  writeFileSync(join(scratch, 'config-validate.mjs'), standaloneCode(ajv, ajv.compile(SCHEMA)));
  const precompiledConfig = {
    name: 'precompiled-config-schema',
    setup(b) {
      b.onLoad({ filter: /src[\\/]server[\\/]config-validator\.ts$/ }, () => ({
        contents: "import validate from './config-validate.mjs';\nexport function compileConfigSchema() { return validate; }\n",
        resolveDir: scratch,
        loader: 'js',
      }));
    },
  };

  // Packages whose index loads far more than the gateway uses are replaced, for the sources'
  // imports only, by the parts it uses (scripts/slim/); the slim files' own imports reach the
  // packages' modules.
  const slim = {
    name: 'slim-packages',
    setup(b) {
      b.onResolve({ filter: /^(undici|prom-client)$/ }, (args) => (args.importer.includes(`${sep}src${sep}`) ? { path: join(slimDir, `${args.path}.mjs`) } : undefined));
    },
  };

  // graphql ships an ES module build beside its CommonJS one, but no "exports" map: bundling for
  // Node would take the CommonJS build whole, behind interop code. Every import of graphql (the
  // sources' and every dependency's, `require` included) is pointed at the ES module build: one
  // copy, as graphql's classes must be, tree-shaken, as graphql declares no side effects.
  const graphqlEsm = {
    name: 'graphql-esm',
    setup(b) {
      b.onResolve({ filter: /^graphql(\/.*)?$/ }, (args) => {
        const base = join(graphqlDir, args.path.slice('graphql'.length).replace(/\.js$/, ''));
        return { path: existsSync(join(base, 'index.mjs')) ? join(base, 'index.mjs') : `${base}.mjs` };
      });
    },
  };

  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: {
      cli: 'src/cli.ts',
      'emulator-main': 'src/emulator/main.ts',
      'emulator-thread': 'src/emulator/thread.ts',
    },
    splitting: true,
    outdir,
    chunkNames: 'chunk-[hash]',
    legalComments: 'linked',
    plugins: [precompiledConfig, slim, graphqlEsm],
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
