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
 * - Types are checked by `npm test` (tsc --noEmit), not here.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli.ts',
    'emulator-main': 'src/emulator/main.ts',
    'emulator-thread': 'src/emulator/thread.ts',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  chunkNames: 'chunk-[hash]',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
