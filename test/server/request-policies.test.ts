import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { loadConfig } from '../../src/server/config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway.js';

let emulator: Emulator;
const gateways: Gateway[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await emulator.close();
});

function gateway(options: Partial<GatewayOptions> = {}): Gateway {
  const g = createGateway({ ...options, upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } } });
  gateways.push(g);
  return g;
}

const post = (g: Gateway, body: unknown, headers: Record<string, string> = {}) =>
  g.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('introspection switch', () => {
  it('refuses introspection and hides field suggestions when off', async () => {
    const g = gateway({ introspection: false });
    const body = await (await post(g, { query: '{ __schema { types { name } } }' })).json() as { errors?: Array<{ message: string }> };
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await (await post(g, { query: '{ userz { totalCount } }' })).json() as { errors?: Array<{ message: string }> };
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple (non-preflighted) form POST without the CSRF header', async () => {
    const g = gateway();
    const response = await g.app.fetch('http://gateway.test/graphql', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D',
    });
    expect(response.status).toBe(403);
  });
});

describe('CORS', () => {
  it('allows configured origins only', async () => {
    const g = gateway({ corsOrigins: ['https://admin.acme.test'] });
    const preflight = (origin: string) => g.app.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect((await preflight('https://admin.acme.test')).headers.get('access-control-allow-origin')).toBe('https://admin.acme.test');
    // Another origin is granted nothing a browser would honour: never its own name, never a
    // wildcard (at most the configured origin, which does not match it).
    const granted = (r: Response) => r.headers.get('access-control-allow-origin');
    expect([null, 'https://admin.acme.test']).toContain(granted(await preflight('https://evil.test')));
    const simple = await g.app.fetch('http://gateway.test/graphql', { method: 'POST', headers: { origin: 'https://evil.test', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect([null, 'https://admin.acme.test']).toContain(granted(simple));
  });

  it('grants no origin when none is configured', async () => {
    const g = gateway();
    const response = await g.app.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS', headers: { origin: 'https://admin.acme.test', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('persisted operations', () => {
  it('runs known operations by hash and refuses arbitrary ones', async () => {
    const query = '{ roles(first: 1) { nodes { name } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const g = gateway({ persistedOperations: { operations: { [hash]: query }, allowArbitrary: false } });
    const known = await (await post(g, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).json() as { data?: any };
    expect(known.data.roles.nodes).toHaveLength(1);
    emulator.resetStats();
    const arbitrary = await (await post(g, { query: '{ users(first: 1) { nodes { email } } }' })).json() as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    expect(arbitrary.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(emulator.stats().total).toBe(0);
  });
});

const jwtEnv = { GATEWAY_JWKS_URL: 'https://issuer.test/.well-known/jwks.json', GATEWAY_JWT_ISSUER: 'https://issuer.test/', GATEWAY_JWT_AUDIENCE: 'https://gateway.test/' };

describe('configuration', () => {
  it('serves metrics and GraphiQL by default; both can be turned off, metrics moved to a port of their own', () => {
    expect(loadConfig({})).toMatchObject({ metrics: { enabled: true }, graphiql: true });
    expect(loadConfig({}).metrics.port).toBeUndefined();
    expect(loadConfig({ GATEWAY_METRICS: 'false', GATEWAY_GRAPHIQL: 'false' })).toMatchObject({ metrics: { enabled: false }, graphiql: false });
    expect(loadConfig({ GATEWAY_METRICS_PORT: '9464' }).metrics).toEqual({ enabled: true, port: 9464 });
  });

  it('gives JWT callers a maximum lifetime and a JWKS timeout, by default or from the environment', () => {
    expect(loadConfig(jwtEnv).auth.jwt).toEqual({ jwksUrl: jwtEnv.GATEWAY_JWKS_URL, issuer: 'https://issuer.test/', audience: 'https://gateway.test/', maxLifetimeSeconds: 86_400, jwksTimeoutMs: 2_000 });
    expect(loadConfig({ ...jwtEnv, GATEWAY_JWT_MAX_LIFETIME_SECONDS: '3600', GATEWAY_JWKS_TIMEOUT_MS: '500' }).auth.jwt).toMatchObject({ maxLifetimeSeconds: 3600, jwksTimeoutMs: 500 });
  });

  it('fills defaults and reads the environment', () => {
    const config = loadConfig({ PORT: '5000', GATEWAY_READ_ONLY: 'true', GATEWAY_MAX_COST: '100', EMULATOR_DOMAIN: 'tenant.emulator.test' });
    expect(config).toMatchObject({ port: 5000, readOnly: true, limits: { maxCost: 100, maxDepth: 10 }, introspection: true, emulatorDomain: 'tenant.emulator.test' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer, got "eighty"'],
    [{ GATEWAY_READ_ONLY: 'yes' }, 'GATEWAY_READ_ONLY must be true or false, got "yes"'],
    [{ PORT: '70000' }, '/port must be <= 65535'],
    [{ AUTH0_DOMAIN: 'acme.auth0.com' }, 'AUTH0_DOMAIN needs AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET'],
    [{ GATEWAY_MAX_COST: '0' }, '/limits/maxCost must be >= 1'],
    [{ GATEWAY_TENANT_RATE: 'fast' }, 'GATEWAY_TENANT_RATE must be a number, got "fast"'],
    [{ GATEWAY_TENANT_RATE: '0' }, '/tenantRate must be > 0'],
    [{ REDIS_URL: 'http://cache:6379' }, '/redis/url must match pattern "^rediss?://"'],
    [{ EMULATOR_DOMAIN: 'https://tenant.emulator.test' }, '/emulatorDomain must match pattern'],
    [{ GATEWAY_JWKS_URL: 'https://issuer.test/.well-known/jwks.json' }, 'JWT callers need GATEWAY_JWT_ISSUER (auth.jwt.issuer) and GATEWAY_JWT_AUDIENCE (auth.jwt.audience)'],
    [{ GATEWAY_JWKS_URL: 'https://issuer.test/.well-known/jwks.json', GATEWAY_JWT_ISSUER: 'https://issuer.test/', GATEWAY_JWT_AUDIENCE: ' ' }, 'JWT callers need GATEWAY_JWT_AUDIENCE (auth.jwt.audience):'],
    [{ GATEWAY_JWT_MAX_LIFETIME_SECONDS: '3600' }, 'JWT callers need GATEWAY_JWKS_URL'],
    [{ ...jwtEnv, GATEWAY_JWKS_TIMEOUT_MS: '0' }, '/auth/jwt/jwksTimeoutMs must be >= 1'],
    [{ GATEWAY_METRICS: 'off' }, 'GATEWAY_METRICS must be true or false, got "off"'],
    [{ PORT: '9000', GATEWAY_METRICS_PORT: '9000' }, 'GATEWAY_METRICS_PORT (metrics.port) must differ from PORT (port)'],
  ])('refuses %j with a message naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a secret in a configuration error', () => {
    let message = '';
    try { loadConfig({ AUTH0_DOMAIN: 'acme.auth0.com', AUTH0_CLIENT_SECRET: 'very-secret-value' }); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/AUTH0_CLIENT_ID/);
    expect(message).not.toContain('very-secret-value');
  });
});

describe('per-request timeout', () => {
  it('cancels a request\'s upstream calls when it runs out of time', async () => {
    const g = gateway({ limits: { requestTimeoutMs: 300 } });
    emulator.setFaults({ latencyMs: 6000 });
    try {
      const started = Date.now();
      const body = await (await post(g, { query: '{ roles(first: 1) { nodes { name } } }' })).json() as { data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> };
      expect(body.data?.roles).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
      // Not a timing test: the answer comes long before the upstream's 6 s would have.
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      emulator.setFaults({});
    }
  });
});
