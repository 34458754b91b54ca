import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createAuthenticator } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

// A caller never gets more than Auth0 would give a token with the caller's scopes. Each case runs
// twice: the gateway calling with its own full token (it must enforce the narrowing itself), and
// the gateway forwarding the caller's own token (the emulator enforces it, as Auth0 does).
let emulator: Emulator;
let jwksServer: Server;
let privateKey: CryptoKey;
let direct: Gateway;
let forward: Gateway;
let admin: string;
let me: string;
let other: string;

type Mode = 'direct' | 'forward';

async function tokenFor(mode: Mode, scopes: string[], subject: string): Promise<string> {
  if (mode === 'forward') return emulator.issueToken(scopes, { subject });
  return new SignJWT({ scope: scopes.join(' ') }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setSubject(subject)
    .setIssuer('https://issuer.test/').setAudience('https://gateway.test/').setIssuedAt().setExpirationTime('5m').sign(privateKey);
}

async function gql(mode: Mode, token: string, query: string, variables?: Record<string, unknown>) {
  const app = (mode === 'direct' ? direct : forward).app;
  const response = await app.fetch('http://gateway.test/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { text, ...(JSON.parse(text) as { data?: any; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> }) };
}

/** The tenant as it is, read with a full token straight from the emulator. */
async function rest(method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/api/v2${path}`, {
    method, headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() as any };
}

async function freshUser(name: string): Promise<string> {
  const created = await rest('POST', '/users', { connection: 'Username-Password-Authentication', email: `${name}-${Date.now()}@narrowing.test`, password: 'Passw0rd!Passw0rd' });
  expect(created.status).toBe(201);
  return created.body.user_id as string;
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'ES256', use: 'sig' };
  jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  emulator = await startEmulator();
  admin = await emulator.issueToken(['read:users', 'create:users', 'update:users', 'delete:users', 'read:clients', 'read:client_keys']);
  const credentials = { mode: 'client-credentials' as const, clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret };
  direct = createGateway({
    upstream: { baseUrl: emulator.url, auth: credentials },
    authenticate: createAuthenticator({
      jwt: { jwksUrl: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`, issuer: 'https://issuer.test/', audience: 'https://gateway.test/' },
      apiKeys: [],
    }, { open: false }),
  });
  forward = createGateway({ upstream: { baseUrl: emulator.url, auth: { mode: 'forward' } } });
  const users = (await rest('GET', '/users?per_page=2&page=0')).body as Array<{ user_id: string }>;
  [me, other] = users.map((u) => u.user_id) as [string, string];
});

afterAll(async () => {
  await direct.close();
  await forward.close();
  await emulator.close();
  await new Promise<void>((r) => jwksServer.close(() => r()));
});

const modes: Mode[] = ['direct', 'forward'];

describe.each(modes)('narrowing scopes keep their narrowing (%s token)', (mode) => {
  it('read:client_summary reads the summary, never a client secret', async () => {
    const token = await tokenFor(mode, ['read:client_summary'], me);
    const summary = await gql(mode, token, '{ clients(first: 5) { nodes { clientId name appType } } }');
    expect(summary.errors).toBeUndefined();
    expect(summary.data.clients.nodes).toHaveLength(5);

    emulator.resetStats();
    const secrets = await gql(mode, token, '{ clients(first: 30) { nodes { clientId clientSecret } } c: client(id: "' + emulator.demoClient.clientId + '") { clientSecret signingKeys { cert } } }');
    expect(secrets.text).not.toContain(emulator.demoClient.clientSecret);
    const leaked = (secrets.data?.clients?.nodes ?? []).filter((n: { clientSecret?: string | null }) => n.clientSecret);
    expect(leaked).toEqual([]);
    expect(secrets.data?.c?.clientSecret ?? null).toBeNull();
    // Calling with its own token, the gateway refuses before any call; the emulator cuts the answer.
    if (mode === 'direct') {
      expect(secrets.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(secrets.errors?.[0]?.message).toMatch(/cannot read client_secret/);
      expect(emulator.stats().total).toBe(0);
    }
  });

  it('read:current_user reads the own user, not another one, and two ids are never batched into a search', async () => {
    const token = await tokenFor(mode, ['read:current_user'], me);
    const own = await gql(mode, token, 'query ($id: ID!) { user(id: $id) { userId email appMetadata } }', { id: me });
    expect(own.errors).toBeUndefined();
    expect(own.data.user.userId).toBe(me);

    emulator.resetStats();
    const both = await gql(mode, token, 'query ($a: ID!, $b: ID!) { a: user(id: $a) { email appMetadata } b: user(id: $b) { email appMetadata } }', { a: me, b: other });
    expect(both.data.a.email).toBe(own.data.user.email);
    expect(both.data.b).toBeNull();
    expect(both.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['b', 'FORBIDDEN']]);
    const seen = emulator.requests().map((r) => r.operationId);
    expect(seen).not.toContain('get_users');
    if (mode === 'direct') expect(seen).toEqual(['get_users_by_id']);
  });

  it('update:current_user_metadata changes the own user_metadata only', async () => {
    const token = await tokenFor(mode, ['update:current_user_metadata'], me);
    const before = (await rest('GET', `/users/${encodeURIComponent(other)}`)).body;
    const attack = await gql(mode, token, 'mutation ($id: ID!) { updateUser(id: $id, input: { email: "owned@evil.test", blocked: true, appMetadata: { plan: "owned" } }) { userId } }', { id: other });
    expect(attack.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = (await rest('GET', `/users/${encodeURIComponent(other)}`)).body;
    expect({ email: after.email, blocked: after.blocked, app: after.app_metadata }).toEqual({ email: before.email, blocked: before.blocked, app: before.app_metadata });

    const ownEmail = await gql(mode, token, 'mutation ($id: ID!) { updateUser(id: $id, input: { email: "changed@evil.test" }) { userId } }', { id: me });
    expect(ownEmail.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ownMetadata = await gql(mode, token, 'mutation ($id: ID!, $m: JSON) { updateUser(id: $id, input: { userMetadata: $m }) { userId } }', { id: me, m: { theme: `dark-${mode}` } });
    expect(ownMetadata.errors).toBeUndefined();
    const mine = (await rest('GET', `/users/${encodeURIComponent(me)}`)).body;
    expect(mine.user_metadata.theme).toBe(`dark-${mode}`);
    expect(mine.email).not.toBe('changed@evil.test');
  });

  it('update:users_app_metadata changes app_metadata, never the email or password', async () => {
    const token = await tokenFor(mode, ['update:users_app_metadata'], me);
    const before = (await rest('GET', `/users/${encodeURIComponent(other)}`)).body;
    const attack = await gql(mode, token, 'mutation ($id: ID!) { updateUser(id: $id, input: { email: "owned@evil.test", password: "Owned!Owned!123" }) { userId } }', { id: other });
    expect(attack.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await rest('GET', `/users/${encodeURIComponent(other)}`)).body.email).toBe(before.email);
    const allowed = await gql(mode, token, 'mutation ($id: ID!, $m: JSON) { updateUser(id: $id, input: { appMetadata: $m }) { userId } }', { id: other, m: { tier: mode } });
    expect(allowed.errors).toBeUndefined();
    expect((await rest('GET', `/users/${encodeURIComponent(other)}`)).body.app_metadata.tier).toBe(mode);
  });

  it('delete:current_user deletes the own user, not another one', async () => {
    const self = await freshUser(`self-${mode}`);
    const victim = await freshUser(`victim-${mode}`);
    const token = await tokenFor(mode, ['delete:current_user'], self);
    const attack = await gql(mode, token, 'mutation ($id: ID!) { deleteUser(id: $id) }', { id: victim });
    expect(attack.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await rest('GET', `/users/${encodeURIComponent(victim)}`)).status).toBe(200);
    const own = await gql(mode, token, 'mutation ($id: ID!) { deleteUser(id: $id) }', { id: self });
    expect(own.errors).toBeUndefined();
    expect((await rest('GET', `/users/${encodeURIComponent(self)}`)).status).toBe(404);
  });
});

describe('scopes that cannot be honoured with the gateway\'s own token', () => {
  it('an API key (no user of its own) cannot use an own-user scope', async () => {
    const keyed = createGateway({
      upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
      authenticate: createAuthenticator({ apiKeys: [{ id: 'k', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', scopes: ['read:current_user'] }] }, { open: false }),
    });
    try {
      emulator.resetStats();
      const response = await keyed.app.fetch('http://gateway.test/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'test' }, body: JSON.stringify({ query: `{ user(id: "${me}") { email } }` }),
      });
      const body = await response.json() as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/own user, and this caller has none/);
      expect(emulator.stats().total).toBe(0);
    } finally {
      await keyed.close();
    }
  });
});
