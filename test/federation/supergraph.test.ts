import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { ROOT, SUBGRAPH_SDL_FILE } from '../../src/paths.js';
import { createAuthenticator } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
// The example's own process helpers: the composers and Hive Gateway run from examples/supergraph's
// install, in their own processes (one graphql-js per process).
import { runToEnd, startChild, stopChildren } from '../../examples/supergraph/procs.mjs';

const EXAMPLE = join(ROOT, 'examples', 'supergraph');
const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'https://supergraph.test/';

let emulator: Emulator;
let auth0: Gateway;
let auth0Server: Server;
let jwksServer: Server;
let privateKey: CryptoKey;
let supergraphUrl: string;
let userIds: string[];
let composedIn: string;

async function token(scope: string): Promise<string> {
  return new SignJWT({ scope }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setSubject('user|supergraph-caller')
    .setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('5m').sign(privateKey);
}

async function post(url: string, query: string, bearer: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query }) });
  return { status: response.status, ...(await response.json() as { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> }) };
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  const jwksUrl = `http://127.0.0.1:${await listen(jwksServer)}/jwks.json`;

  emulator = await startEmulator();
  auth0 = createGateway({
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
    federation: true,
    authenticate: createAuthenticator({ jwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE, maxLifetimeSeconds: 86_400, jwksTimeoutMs: 2_000 }, apiKeys: [] }, { open: false }),
  });
  auth0Server = createServer((req, res) => void auth0.app(req, res));
  const auth0Url = `http://127.0.0.1:${await listen(auth0Server)}/graphql`;
  const admin = await emulator.issueToken(['read:users']);
  const users = await (await fetch(`${emulator.url}/api/v2/users?per_page=100&page=0`, { headers: { authorization: `Bearer ${admin}` } })).json() as Array<{ user_id: string }>;
  userIds = users.map((u) => u.user_id);

  const billing = await startChild('billing', process.execPath, [join(EXAMPLE, 'billing.mjs')], {
    env: { PORT: '0', BILLING_USER_IDS: userIds.join(',') }, urlPattern: /^billing: (http:\/\/\S+)$/,
  });
  const out = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
  composedIn = await runToEnd('compose', process.execPath, [join(EXAMPLE, 'compose.mjs'), '--auth0-url', auth0Url, '--header', `authorization: Bearer ${await token('read:users')}`, '--billing-url', billing.url, '--out', out]);
  const gateway = await startChild('supergraph', process.execPath, [join(EXAMPLE, 'gateway.mjs'), out], {
    env: { PORT: '0', JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }, urlPattern: /^supergraph: (http:\/\/\S+)$/,
  });
  supergraphUrl = gateway.url;
}, 120_000);

afterAll(async () => {
  await stopChildren();
  await new Promise<void>((r) => auth0Server?.close(() => r()));
  await auth0?.close();
  await emulator?.close();
  await new Promise<void>((r) => jwksServer?.close(() => r()));
});

describe('composition', () => {
  it('the committed subgraph SDL composes with the example subgraph under both composers', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'compose-')), 'supergraph.graphql');
    const printed = await runToEnd('compose', process.execPath, [join(EXAMPLE, 'compose.mjs'), '--auth0-sdl', SUBGRAPH_SDL_FILE, '--out', out]);
    expect(printed).toMatch(/composed with @theguild\/federation-composition in \d+ ms; @apollo\/composition in \d+ ms/);
    console.log(`[committed SDL] ${printed.split('\n')[0]}`);
    const supergraph = readFileSync(out, 'utf8');
    expect(supergraph).toMatch(/type User\b[^{]*@join__type\(graph: AUTH0, key: "userId"\)[^{]*@join__type\(graph: BILLING, key: "userId"\)/);
    expect(supergraph).toMatch(/@requiresScopes/);
  }, 60_000);
});

describe('a query across subgraphs, through Hive Gateway', () => {
  it('invoices → user → email and roles: the emulator\'s data, 100 users resolved in at most 2 calls', async () => {
    console.log(`[live] ${composedIn.split('\n')[0]}`);
    const bearer = await token('read:users read:roles');
    // Warm: the runtime plans its first query against a 1 MB supergraph.
    await post(supergraphUrl, '{ invoices(first: 1) { id } }', bearer);
    emulator.resetStats();
    const started = performance.now();
    const emails = await post(supergraphUrl, '{ invoices(first: 100) { id amount userId user { userId email } } }', bearer);
    const ms = performance.now() - started;
    expect(emails.errors).toBeUndefined();
    const invoices = emails.data.invoices as Array<{ userId: string; user: { userId: string; email: string } }>;
    expect(invoices).toHaveLength(100);
    expect(invoices.every((i) => i.user.userId === i.userId)).toBe(true);
    const calls = emulator.requests();
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(calls.every((c) => c.operationId === 'get_users')).toBe(true);
    console.log(`[live] invoices(first: 100) → user { email }: ${ms.toFixed(0)} ms, ${calls.length} upstream calls`);

    const admin = await emulator.issueToken(['read:users']);
    for (const invoice of invoices.slice(0, 5)) {
      const truth = await (await fetch(`${emulator.url}/api/v2/users/${encodeURIComponent(invoice.userId)}`, { headers: { authorization: `Bearer ${admin}` } })).json() as { email: string };
      expect(invoice.user.email).toBe(truth.email);
    }

    emulator.resetStats();
    const withRoles = await post(supergraphUrl, '{ invoices(first: 5) { amount user { email roles { nodes { name } } } } }', bearer);
    expect(withRoles.errors).toBeUndefined();
    expect(withRoles.data.invoices[0].user.roles.nodes.length).toBeGreaterThanOrEqual(0);
    console.log(`[live] invoices(first: 5) → user { email roles }: ${emulator.requests().length} upstream calls`);
  }, 60_000);

  it('@requiresScopes holds at the supergraph gateway, and the subgraph refuses too when called directly', async () => {
    const rolesOnly = await token('read:roles');
    emulator.resetStats();
    const refused = await post(supergraphUrl, '{ invoices(first: 3) { id amount user { email } } }', rolesOnly);
    expect(refused.data?.invoices?.[0]?.amount).toEqual(expect.any(Number));
    expect(refused.data.invoices.every((i: { user: { email?: string } | null }) => !i.user?.email)).toBe(true);
    expect(refused.errors?.length).toBeGreaterThan(0);
    expect(emulator.stats().total).toBe(0);

    const auth0Url = `http://127.0.0.1:${(auth0Server.address() as AddressInfo).port}/graphql`;
    const direct = await post(auth0Url, `{ _entities(representations: [{ __typename: "User", userId: "${userIds[0]}" }]) { ... on User { email } } }`, rolesOnly);
    expect(direct.data._entities[0]).toBeNull();
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(emulator.stats().total).toBe(0);
  }, 60_000);
});
