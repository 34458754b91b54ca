/**
 * Smoke test of the example supergraph against the stand-in Auth0 subgraph (fixtures/): stand-in
 * + billing + compose (both composers) + gateway.mjs with a local JWKS, then cross-subgraph
 * queries with and without the scopes @requiresScopes asks for. Everything listens on 127.0.0.1.
 *
 *   node smoke.mjs        (exit 0 and `N passed, 0 failed` when all checks pass)
 */
import { createServer } from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { graphql, runToEnd, startChild, stopChildren } from './procs.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const URL_LINE = (prefix) => new RegExp(`^${prefix}: (http://127\\.0\\.0\\.1:\\d+/graphql)`);
const API_KEY = 'standin-key';
const ISSUER = 'https://standin.example/';
const AUDIENCE = 'https://standin.example/api/v2/';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'smoke', alg: 'RS256', use: 'sig' };
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function token(claims, key = privateKey) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'smoke' })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'smoke|1', iat: now, exp: now + 600, ...claims })}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
await new Promise((resolve) => jwks.listen(0, '127.0.0.1', resolve));
const jwksUrl = `http://127.0.0.1:${jwks.address().port}/.well-known/jwks.json`;

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `\n     ${JSON.stringify(detail)}`}`);
}

try {
  const auth0 = await startChild('auth0-standin', process.execPath, ['fixtures/auth0-standin.mjs'], { cwd: here, env: { PORT: '0', STANDIN_API_KEY: API_KEY }, urlPattern: URL_LINE('auth0-standin') });
  const ids = await graphql(auth0.url, '{ users(first: 100) { nodes { userId } } }', { 'x-api-key': API_KEY });
  const userIds = ids.data.users.nodes.map((node) => node.userId);
  const billing = await startChild('billing', process.execPath, ['billing.mjs'], { cwd: here, env: { PORT: '0', BILLING_USER_IDS: userIds.join(',') }, urlPattern: URL_LINE('billing') });
  const composed = await runToEnd('compose', process.execPath, ['compose.mjs', '--auth0-sdl', 'fixtures/auth0-standin.graphql', '--auth0-url', auth0.url, '--billing-url', billing.url, '--out', 'supergraph.smoke.graphql'], { cwd: here });
  console.log(composed.trim());
  check('both composers compose', /composed with @theguild\/federation-composition in \d+ ms; @apollo\/composition in \d+ ms/.test(composed), composed);

  const gateway = await startChild('gateway', process.execPath, ['gateway.mjs', 'supergraph.smoke.graphql'], { cwd: here, env: { PORT: '0', JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }, urlPattern: URL_LINE('supergraph') });
  const query = '{ invoices(first: 5) { id amount user { userId email roles { nodes { name } } invoices { id } } } }';
  const reader = { authorization: `Bearer ${token({ scope: 'read:users read:roles' })}`, 'x-api-key': API_KEY };

  const full = await graphql(gateway.url, query, reader);
  const first = full.data?.invoices?.[0];
  check('invoices → user → email across subgraphs with read:users', !full.errors && full.data.invoices.length === 5 && first.user.email === 'user1@example.com' && Array.isArray(first.user.roles.nodes) && first.user.invoices.some((i) => i.id === first.id), full);

  const rbac = await graphql(gateway.url, query, { authorization: `Bearer ${token({ permissions: ['read:users'] })}`, 'x-api-key': API_KEY });
  check('RBAC permissions claim counts as scopes', !rbac.errors && rbac.data.invoices[0].user.email === 'user1@example.com', rbac);

  const noScope = await graphql(gateway.url, query, { authorization: `Bearer ${token({ scope: 'read:roles' })}`, 'x-api-key': API_KEY });
  if (process.env.SMOKE_VERBOSE) console.log(JSON.stringify(noScope));
  check('user.email refused without read:users (UNAUTHORIZED_FIELD_OR_TYPE, the rest served)', noScope.errors?.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE' && e.path?.join('.') === 'invoices.user.email') && noScope.data?.invoices?.[0]?.user?.email === null && noScope.data.invoices[0].user.roles.nodes.length > 0, noScope);

  const anonymous = await graphql(gateway.url, '{ invoices(first: 2) { id amount user { userId } } }', { 'x-api-key': API_KEY });
  check('anonymous caller reads unscoped fields', !anonymous.errors && anonymous.data.invoices.length === 2, anonymous);

  const anonymousEmail = await graphql(gateway.url, query, { 'x-api-key': API_KEY });
  check('anonymous caller refused user.email', anonymousEmail.errors?.length > 0 && !anonymousEmail.data?.invoices?.[0]?.user?.email, anonymousEmail);

  const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = await graphql(gateway.url, query, { authorization: `Bearer ${token({ scope: 'read:users' }, otherKey)}`, 'x-api-key': API_KEY });
  check('token signed by another key refused', forged.errors?.length > 0 && !forged.data?.invoices, forged);

  const wrongAudience = await graphql(gateway.url, query, { authorization: `Bearer ${token({ scope: 'read:users', aud: 'https://other/' })}`, 'x-api-key': API_KEY });
  check('token for another audience refused', wrongAudience.errors?.length > 0 && !wrongAudience.data?.invoices, wrongAudience);

  const noKey = await graphql(gateway.url, query, { authorization: reader.authorization });
  check('x-api-key is what reaches the Auth0 subgraph (without it the stand-in refuses)', noKey.errors?.length > 0 && !noKey.data?.invoices?.[0]?.user?.email, noKey);

  check('x-api-key reaches the Auth0 subgraph only, never billing', !billing.stderr.some((line) => line.includes('x-api-key')), billing.stderr);

  const usersScoped = await graphql(gateway.url, '{ users(first: 2) { totalCount nodes { userId invoices { amount currency } } } }', reader);
  check('users → invoices (Auth0 → billing)', !usersScoped.errors && usersScoped.data.users.nodes[0].invoices.length > 0, usersScoped);

  const stopped = await new Promise((resolve) => {
    gateway.child.once('exit', (code, signal) => resolve({ code, signal }));
    gateway.child.kill('SIGTERM');
  });
  check('gateway exits 0 on SIGTERM', stopped.code === 0, stopped);
} catch (error) {
  failed += 1;
  console.log(`FAIL ${error.stack ?? error}`);
} finally {
  await stopChildren();
  jwks.close();
  await import('node:fs').then(({ rmSync }) => rmSync(new URL('./supergraph.smoke.graphql', import.meta.url), { force: true }));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
