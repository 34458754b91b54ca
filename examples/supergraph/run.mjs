/**
 * `npm run supergraph` (from the repository root): the whole example on 127.0.0.1.
 *
 *  1. installs this folder's own dependencies (`npm ci`) if node_modules is missing;
 *  2. starts the root project's gateway as a Federation subgraph on its embedded Auth0 emulator
 *     (`node --import tsx src/cli.ts start`, GATEWAY_FEDERATION=true PORT=0 EMULATOR_PORT=0);
 *  3. asks it for user ids, starts billing.mjs with them;
 *  4. composes the supergraph (compose.mjs: both composers) from the two subgraphs' `_service.sdl`;
 *  5. starts gateway.mjs on it and prints the supergraph URL and an example query.
 *
 * Ctrl-C / SIGTERM stops every child. `--standin` uses fixtures/auth0-standin.mjs instead of the
 * root gateway (no root install needed). Env passed through to gateway.mjs: JWKS_URL,
 * JWT_ISSUER, JWT_AUDIENCE, JWT_REQUIRED (without JWKS_URL the supergraph runs without auth, like
 * the embedded demo itself); SUPERGRAPH_PORT sets its port (default 0 = a free port).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { graphql, runToEnd, startChild, stopChildren } from './procs.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({ options: { standin: { type: 'boolean', default: false } } });
const URL_LINE = (prefix) => new RegExp(`^${prefix}: (http://127\\.0\\.0\\.1:\\d+/graphql)`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await stopChildren();
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

try {
  if (!existsSync(new URL('./node_modules', import.meta.url))) {
    console.error('supergraph: installing examples/supergraph dependencies (npm ci)…');
    await runToEnd('npm ci', npm, ['ci', '--no-fund', '--no-audit'], { cwd: here });
  }

  let auth0;
  if (args.standin) {
    auth0 = await startChild('auth0', process.execPath, ['fixtures/auth0-standin.mjs'], { cwd: here, env: { PORT: '0' }, urlPattern: URL_LINE('auth0-standin') });
  } else {
    if (!existsSync(new URL('./node_modules/tsx', `file://${root}`))) {
      console.error('supergraph: installing the root project\'s dependencies (npm ci)…');
      await runToEnd('npm ci (root)', npm, ['ci', '--no-fund', '--no-audit'], { cwd: root });
    }
    // Never a real tenant: without AUTH0_DOMAIN the gateway serves its embedded emulator.
    const env = { ...process.env, GATEWAY_FEDERATION: 'true', PORT: '0', EMULATOR_PORT: '0' };
    for (const name of ['AUTH0_DOMAIN', 'AUTH0_TOKEN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET', 'AUTH0_AUDIENCE', 'GATEWAY_CONFIG', 'GATEWAY_JWKS_URL']) delete env[name];
    auth0 = await startChild('auth0', process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], { cwd: root, env, urlPattern: URL_LINE('GraphiQL'), timeoutMs: 120_000 });
  }
  console.error(`supergraph: Auth0 subgraph at ${auth0.url}`);

  const users = await graphql(auth0.url, '{ users(first: 100) { nodes { userId } } }');
  const userIds = (users.data?.users?.nodes ?? []).map((node) => node?.userId).filter(Boolean);
  if (userIds.length === 0) throw new Error(`the Auth0 subgraph gave no user ids: ${JSON.stringify(users.errors ?? users)}`);

  const billing = await startChild('billing', process.execPath, ['billing.mjs'], { cwd: here, env: { PORT: '0', BILLING_USER_IDS: userIds.join(',') }, urlPattern: URL_LINE('billing') });

  const composed = await runToEnd('compose', process.execPath, ['compose.mjs', '--auth0-url', auth0.url, '--billing-url', billing.url], { cwd: here }).catch((error) => {
    throw new Error(`composition failed${args.standin ? '' : ' (does this checkout\'s gateway serve `_service` with GATEWAY_FEDERATION=true? try --standin)'}: ${error.message}`);
  });
  process.stderr.write(composed);

  const gateway = await startChild('supergraph', process.execPath, ['gateway.mjs'], { cwd: here, env: { PORT: process.env.SUPERGRAPH_PORT ?? '0' }, urlPattern: URL_LINE('supergraph') });
  console.log(`
Supergraph (auth0 + billing, ${userIds.length} users): ${gateway.url}
Example query:

  { invoices(first: 5) { id amount user { email roles { nodes { name } } } } }

  curl -s ${gateway.url} -H 'content-type: application/json' \\
    -d '{"query":"{ invoices(first: 5) { id amount user { email roles { nodes { name } } } } }"}'

Ctrl-C stops everything.`);
  // A child that dies takes the example down with it.
  for (const child of [auth0.child, billing.child, gateway.child]) {
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`supergraph: a child exited (${signal ?? code}); stopping`);
        void shutdown(1);
      }
    });
  }
} catch (error) {
  console.error(`supergraph: ${error.message}`);
  await shutdown(1);
}
