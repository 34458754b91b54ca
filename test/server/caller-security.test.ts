import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createAuthenticator, sha256Hex } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

// A JWKS served by the test, an emulator upstream, and gateways in front of it; upstream calls
// are counted at the emulator.
const API_KEY = 'test-api-key-4f9d2c7a';
let jwksServer: Server;
let jwksUrl: string;
let privateKey: CryptoKey;
let emulator: Emulator;
let gateway: Gateway;
const logLines: string[] = [];

async function sign(scope: string, overrides: { issuer?: string; audience?: string } = {}) {
  return new SignJWT({ scope }).setProtectedHeader({ alg: 'ES256', kid: 'test' }).setSubject('user|caller')
    .setIssuer(overrides.issuer ?? 'https://issuer.test/').setAudience(overrides.audience ?? 'https://gateway.test/')
    .setIssuedAt().setExpirationTime('5m').sign(privateKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'ES256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  emulator = await startEmulator();
  const logger = pino({ level: 'debug' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
  gateway = createGateway({
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
    authenticate: createAuthenticator({
      jwt: { jwksUrl, issuer: 'https://issuer.test/', audience: 'https://gateway.test/' },
      apiKeys: [{ id: 'ci-reader', sha256: sha256Hex(API_KEY), scopes: ['read:roles'] }],
    }, { open: false }),
    limits: { maxCost: 200, maxDepth: 8 },
    logger,
  });
});

afterAll(async () => {
  await gateway.close();
  await emulator.close();
  await new Promise<void>((r) => jwksServer.close(() => r()));
});

beforeEach(() => {
  emulator.resetStats();
});

async function post(query: string, headers: Record<string, string> = {}, app = gateway.app, variables?: Record<string, unknown>) {
  const response = await app.fetch('http://gateway.test/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() as { data?: any; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> } };
}

describe('callers must authenticate', () => {
  it('refuses a caller without credentials with 401, before any upstream call', async () => {
    const { status, body } = await post('{ roles(first: 1) { nodes { name } } }');
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(emulator.stats().total).toBe(0);
  });

  it.each([
    ['a token signed by another key', async () => new SignJWT({ scope: 'read:roles' }).setProtectedHeader({ alg: 'ES256', kid: 'test' }).setIssuer('https://issuer.test/').setAudience('https://gateway.test/').setExpirationTime('5m').sign((await generateKeyPair('ES256')).privateKey)],
    ['a token for another audience', () => sign('read:roles', { audience: 'https://elsewhere.test/' })],
    ['a token from another issuer', () => sign('read:roles', { issuer: 'https://evil.test/' })],
  ])('refuses %s', async (_name, make) => {
    const { status } = await post('{ roles(first: 1) { nodes { name } } }', { authorization: `Bearer ${await make()}` });
    expect(status).toBe(401);
    expect(emulator.stats().total).toBe(0);
  });

  it('accepts a JWT from the JWKS, with its scopes', async () => {
    const { status, body } = await post('{ roles(first: 2) { nodes { name } } }', { authorization: `Bearer ${await sign('read:roles')}` });
    expect(status).toBe(200);
    expect(body.data!.roles.nodes).toHaveLength(2);
  });

  it('accepts an API key, stored only as its hash', async () => {
    const { body } = await post('{ roles(first: 1) { nodes { name } } }', { 'x-api-key': API_KEY });
    expect(body.data!.roles.nodes).toHaveLength(1);
    expect((await post('{ roles(first: 1) { nodes { name } } }', { 'x-api-key': 'wrong' })).status).toBe(401);
  });
});

describe('JWTs are short-lived and checked against a JWKS that can be had', () => {
  const query = '{ roles(first: 1) { nodes { name } } }';
  const claims = () => new SignJWT({ scope: 'read:roles' }).setProtectedHeader({ alg: 'ES256', kid: 'test' }).setSubject('user|caller')
    .setIssuer('https://issuer.test/').setAudience('https://gateway.test/');

  it('refuses a token without exp, though its signature, issuer and audience are good', async () => {
    const token = await claims().setIssuedAt().sign(privateKey);
    const { status, body } = await post(query, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(emulator.stats().total).toBe(0);
  });

  it.each([
    ['exp - iat', async () => claims().setIssuedAt().setExpirationTime('25h').sign(privateKey)],
    ['exp - now, without iat', async () => claims().setExpirationTime('25h').sign(privateKey)],
  ])('refuses a token living longer than the maximum lifetime (24 h by default), by %s', async (_how, make) => {
    const { status, body } = await post(query, { authorization: `Bearer ${await make()}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/lifetime over 86400 s/);
    expect(emulator.stats().total).toBe(0);
  });

  it('accepts a token within the maximum lifetime, with or without iat', async () => {
    for (const token of [await claims().setIssuedAt().setExpirationTime('23h').sign(privateKey), await claims().setExpirationTime('23h').sign(privateKey)]) {
      const { status, body } = await post(query, { authorization: `Bearer ${token}` });
      expect(status).toBe(200);
      expect(body.data!.roles.nodes).toHaveLength(1);
    }
  });

  it('honours a configured maximum lifetime', async () => {
    const authenticate = createAuthenticator({ jwt: { jwksUrl, issuer: 'https://issuer.test/', audience: 'https://gateway.test/', maxLifetimeSeconds: 60 }, apiKeys: [] }, { open: false });
    const request = (token: string) => new Request('http://gateway.test/graphql', { headers: { authorization: `Bearer ${token}` } });
    await expect(authenticate(request(await claims().setIssuedAt().setExpirationTime('2m').sign(privateKey)))).rejects.toThrow(/lifetime over 60 s/);
    await expect(authenticate(request(await claims().setIssuedAt().setExpirationTime('1m').sign(privateKey)))).resolves.toMatchObject({ kind: 'jwt', id: 'user|caller' });
  });

  describe('when the JWKS cannot be had', () => {
    // A JWKS that accepts connections and never answers: the worst case, a hang rather than a refusal.
    let silent: TcpServer;
    const sockets = new Set<Socket>();
    let silentUrl: string;

    beforeAll(async () => {
      silent = createTcpServer((socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/.well-known/jwks.json`;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });

    async function behind(url: string, run: (g: Gateway) => Promise<void>) {
      const g = createGateway({
        upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
        authenticate: createAuthenticator({ jwt: { jwksUrl: url, issuer: 'https://issuer.test/', audience: 'https://gateway.test/', jwksTimeoutMs: 300 }, apiKeys: [] }, { open: false }),
      });
      try { await run(g); } finally { await g.close(); }
    }

    it('answers 503 AUTH_UNAVAILABLE within about the JWKS timeout when the JWKS hangs, and lets nobody in', async () => {
      await behind(silentUrl, async (g) => {
        const started = Date.now();
        const { status, body } = await post(query, { authorization: `Bearer ${await sign('read:roles')}` }, g.app);
        // The request timeout is 30 s; the JWKS timeout is 300 ms.
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(status).toBe(503);
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0]?.extensions?.code).toBe('AUTH_UNAVAILABLE');
        expect(JSON.stringify(body)).not.toContain('127.0.0.1');
        expect(emulator.stats().total).toBe(0);
      });
    });

    it('answers 503 AUTH_UNAVAILABLE when the JWKS refuses connections', async () => {
      const closed = createTcpServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      await behind(`http://127.0.0.1:${port}/jwks.json`, async (g) => {
        const { status, body } = await post(query, { authorization: `Bearer ${await sign('read:roles')}` }, g.app);
        expect(status).toBe(503);
        expect(body.errors?.[0]?.extensions?.code).toBe('AUTH_UNAVAILABLE');
        expect(emulator.stats().total).toBe(0);
      });
    });

    it('still refuses a malformed token with 401: no JWKS is needed to know it is bad', async () => {
      await behind(silentUrl, async (g) => {
        const { status } = await post(query, { authorization: 'Bearer not-a-jwt' }, g.app);
        expect(status).toBe(401);
      });
    });
  });
});

describe('each field needs one of the scopes its operation lists', () => {
  it('refuses an under-scoped field with FORBIDDEN and no upstream call, while allowed siblings run', async () => {
    const { body } = await post('{ roles(first: 1) { nodes { name } } users(first: 1) { nodes { email } } }', { 'x-api-key': API_KEY });
    expect(body.data!.roles.nodes).toHaveLength(1);
    expect(body.data!.users).toBeNull();
    const error = body.errors!.find((e) => e.path?.[0] === 'users')!;
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', operationId: 'get_users', requiredScopes: ['read:users', 'read:user_idp_tokens'] });
    expect(emulator.requests().map((r) => r.operationId)).toEqual(['get_roles']);
  });

  it('checks edges too, by the scopes of the edge\'s own operation', async () => {
    const { body } = await post('{ roles(first: 1) { nodes { name permissions(first: 1) { nodes { permissionName } } } } }', { authorization: `Bearer ${await sign('read:roles')}` });
    expect(body.errors).toBeUndefined();
    emulator.resetStats();
    const { body: denied } = await post('{ users(first: 1) { nodes { email logs(first: 1) { nodes { type } } } } }', { authorization: `Bearer ${await sign('read:users')}` });
    expect(denied.data!.users.nodes[0].email).toMatch(/@/);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', operationId: 'get_logs_by_user' });
    expect(emulator.requests().map((r) => r.operationId)).toEqual(['get_users']);
  });
});

describe('limits protect the tenant', () => {
  const token = () => sign('read:users read:roles');

  it('refuses a query over the cost limit with a clear error, before any upstream call', async () => {
    const { body } = await post('{ users(first: 1000) { nodes { roles(first: 100) { nodes { name } } } } }', { authorization: `Bearer ${await token()}` });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 200, cost: 2010 });
    expect(body.errors?.[0]?.message).toMatch(/^Query cost 2010 exceeds the limit of 200/);
    expect(emulator.stats().total).toBe(0);
  });

  it('counts `first` given as a variable at its real value', async () => {
    const { body } = await post('query ($n: Int) { users(first: $n) { nodes { roles(first: 100) { nodes { name } } } } }', { authorization: `Bearer ${await token()}` }, gateway.app, { n: 1000 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 2010 });
  });

  it('refuses a query deeper than allowed', async () => {
    const deep = '{ users(first: 1) { nodes { roles { nodes { users { nodes { user { roles { nodes { name } } } } } } } } } }';
    const { body } = await post(deep, { authorization: `Bearer ${await token()}` });
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    expect(emulator.stats().total).toBe(0);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2000000' }, body: JSON.stringify({ query: `{ ${'a'.repeat(10)} }` }) });
    expect(response.status).toBe(413);
  });
});

describe('read-only mode', () => {
  it('has no Mutation type and refuses mutations', async () => {
    const readOnly = createGateway({
      upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
      policy: { readOnly: true },
    });
    try {
      const { body } = await post('{ __schema { mutationType { name } } }', {}, readOnly.app);
      expect(body.data!.__schema.mutationType).toBeNull();
      const refused = await post('mutation { deleteRole(id: "rol_x") }', {}, readOnly.app);
      expect(refused.body.errors?.[0]?.message).toMatch(/Schema is not configured to execute mutation operation/);
      expect(emulator.stats().total).toBe(0);
    } finally {
      await readOnly.close();
    }
  });

  it('honours a deny list, on root fields and on the edges that use them', async () => {
    const denied = createGateway({
      upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
      policy: { deny: ['Query.userRoles'] },
    });
    try {
      expect((await post('{ userRoles(id: "x") { totalCount } }', {}, denied.app)).body.errors?.[0]?.message).toMatch(/Cannot query field "userRoles"/);
      const edge = await post('{ users(first: 1) { nodes { roles { totalCount } } } }', {}, denied.app);
      expect(edge.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await denied.close();
    }
  });
});

describe('logs', () => {
  it('never contain a token, key or secret', async () => {
    const jwt = await sign('read:roles');
    await post('{ roles(first: 1) { nodes { name } } }', { authorization: `Bearer ${jwt}` });
    await post('{ roles(first: 1) { nodes { name } } }', { 'x-api-key': API_KEY });
    await post('{ users(first: 1) { nodes { email } } }', { authorization: 'Bearer not-a-valid-token-123' });
    const text = logLines.join('');
    expect(logLines.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('"path":"/graphql"');
    for (const secret of [jwt, API_KEY, 'not-a-valid-token-123', emulator.demoClient.clientSecret, 'Bearer']) expect(text).not.toContain(secret);
  });
});
