import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { startEmulatorThread } from '../../src/emulator/in-thread.js';
import { createEmulatorServer, portOf, type ServerState } from '../../src/emulator/server.js';
import { TokenIssuer } from '../../src/emulator/tokens.js';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator();
  token = await emulator.issueToken(['read:users', 'create:users', 'read:roles']);
});

afterAll(async () => {
  await emulator.close();
});

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const { token: bearer = token, ...rest } = init;
  const response = await fetch(`${emulator.url}${path}`, {
    ...rest,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(rest.body ? { 'content-type': 'application/json' } : {}), ...(rest.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) as Record<string, unknown> : undefined };
}

describe('start-up', () => {
  it('the emulator thread resolves with its address; a token request sent at once is answered, and `ready` names the demo users', async () => {
    const thread = await startEmulatorThread();
    try {
      // Sent as soon as the port is bound, while the thread may still be making the tenant.
      const response = await fetch(`${thread.url}/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: thread.demoClient.clientId, client_secret: thread.demoClient.clientSecret, audience: thread.audience }),
      });
      expect(response.status).toBe(200);
      expect(typeof ((await response.json()) as { access_token?: unknown }).access_token).toBe('string');
      expect((await thread.ready).demoUsers.length).toBeGreaterThan(0);
    } finally {
      await thread.close();
    }
  }, 30_000);

  it('a request that arrives before the tenant is made waits for it instead of failing', async () => {
    let made!: () => void;
    const state = { faults: {}, log: [], handlers: {}, audience: '', ready: new Promise<void>((resolve) => { made = resolve; }) } as unknown as ServerState;
    const server = createEmulatorServer(state);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      let answered = false;
      const early = fetch(`http://127.0.0.1:${portOf(server)}/.well-known/jwks.json`).then((r) => { answered = true; return r; });
      await new Promise((r) => setTimeout(r, 100));
      expect(answered).toBe(false);
      state.issuer = await TokenIssuer.create('https://emulator.test/', 'https://emulator.test/api/v2/');
      made();
      const response = await early;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { keys: unknown[] }).keys).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('token endpoint', () => {
  it('issues a token with the scopes granted to the client for the audience', async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.demoClient.clientId, client_secret: emulator.demoClient.clientSecret, audience: emulator.audience }),
    });
    const body = await response.json() as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    expect(String(body.scope).split(' ')).toContain('read:users');
  });

  it.each([
    [{ client_secret: 'wrong' }, 401, 'access_denied'],
    [{ audience: 'https://elsewhere.test/api/v2/' }, 403, 'access_denied'],
    // The password grant is emulated for the demo sign-in client only (src/emulator/auth-api.ts): a machine client is not allowed it.
    [{ grant_type: 'password' }, 403, 'unauthorized_client'],
    [{ grant_type: 'urn:ietf:params:oauth:grant-type:device_code' }, 403, 'unsupported_grant_type'],
  ])('refuses %j', async (override, status, error) => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: emulator.demoClient.clientId, client_secret: emulator.demoClient.clientSecret, audience: emulator.audience, ...override }),
    });
    expect(response.status).toBe(status);
    expect(((await response.json()) as Record<string, unknown>).error).toBe(error);
  });
});

describe('Auth0 error answers', () => {
  it('401 without a token, with an invalid one, and with an expired one', async () => {
    expect((await call('/api/v2/users', { token: null })).body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing authentication', errorCode: 'missing_authentication' });
    expect((await call('/api/v2/users', { token: 'not.a.jwt' })).body).toMatchObject({ statusCode: 401, errorCode: 'invalid_token' });
    const expired = await emulator.issueToken(['read:users'], { expiresIn: -10 });
    expect((await call('/api/v2/users', { token: expired })).body).toMatchObject({ statusCode: 401, errorCode: 'token_expired' });
  });

  it('403 when the token holds none of the scopes the spec lists', async () => {
    const { status, body } = await call('/api/v2/clients');
    expect(status).toBe(403);
    expect(body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:clients,read:client_keys,read:client_credentials,read:client_summary', errorCode: 'insufficient_scope' });
  });

  it('404 for an unknown user, with path characters kept inside the id', async () => {
    const { status, body } = await call(`/api/v2/users/${encodeURIComponent('../clients')}`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ statusCode: 404, error: 'Not Found', errorCode: 'inexistent_user' });
  });

  it('400 for a path segment that is not valid percent-encoding', async () => {
    const { status, body } = await call('/api/v2/users/%E0%A4%A');
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, errorCode: 'invalid_uri' });
  });

  it('400 for a body the spec rejects, and for paging past the limits', async () => {
    const bad = await call('/api/v2/users', { method: 'POST', body: JSON.stringify({ email: 'x@example.com', bogus: 1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body' });
    expect(String(bad.body?.message)).toMatch(/^Payload validation error/);
    expect((await call('/api/v2/users?per_page=101')).status).toBe(400);
    expect((await call('/api/v2/users?per_page=100&page=10')).body?.message).toBe('Requesting page 10 exceeds the allowed maximum of 1000 records. To fetch results beyond 1000, use the checkpoint pagination method.');
  });

  it('every answer carries the rate-limit headers; an empty bucket answers 429 and executes nothing', async () => {
    // The bucket's clock is the test's: it refills when the test moves time on, not after a sleep.
    let now = Date.now();
    const limited = await startEmulator({ rateLimit: { limit: 2, refillPerSecond: 1, now: () => now } });
    const bearer = await limited.issueToken(['read:users', 'create:users']);
    const at = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${limited.url}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' } });
      return { status: response.status, headers: response.headers, body: await response.json() as any };
    };
    try {
      const create = (email: string) => at('/api/v2/users', { method: 'POST', body: JSON.stringify({ connection: 'Username-Password-Authentication', email, password: 'Passw0rd!x' }) });
      const first = await at('/api/v2/users?per_page=1&include_totals=true');
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await create('kept@example.com')).status).toBe(201);
      const throttled = await create('throttled@example.com');
      expect(throttled.status).toBe(429);
      expect(throttled.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
      expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(throttled.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(now / 1000));
      const empty = await at('/api/v2/users?per_page=1');
      expect(empty.status).toBe(429);
      now += 1_000;
      expect((await at('/api/v2/users-by-email?email=throttled%40example.com')).body).toEqual([]);
      now += 1_000;
      expect((await at('/api/v2/users?per_page=1&include_totals=true')).body.total).toBe(first.body.total + 1);
    } finally {
      await limited.close();
    }
  });

  it('forced 429 bursts and injected 500s change nothing either', async () => {
    emulator.reset();
    emulator.setFaults({ rateLimitBurst: 1 });
    const throttled = await call('/api/v2/roles', { method: 'POST', body: JSON.stringify({ name: 'Never' }) });
    expect(throttled.status).toBe(429);
    emulator.setFaults({ errorRate: 1 });
    const failed = await call('/api/v2/roles', { method: 'POST', body: JSON.stringify({ name: 'Never either' }) });
    expect(failed).toMatchObject({ status: 500, body: { statusCode: 500, error: 'Internal Server Error', errorCode: 'internal_error' } });
    emulator.setFaults({});
    const roles = await call('/api/v2/roles?name_filter=Never');
    expect(roles.status).toBe(200);
    expect(roles.body).toEqual([]);
  });
});

describe('control surface', () => {
  it('counts requests by operation and status, and resets to the seed', async () => {
    emulator.reset();
    await call('/api/v2/users?per_page=1');
    await call('/api/v2/clients');
    const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json() as { total: number; byOperation: Record<string, number>; byStatus: Record<string, number> };
    expect(stats).toEqual({ total: 2, byOperation: { get_users: 1, get_clients: 1 }, byStatus: { 200: 1, 403: 1 } });
    expect((await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 2 }) })).status).toBe(400);
    expect((await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
    expect(emulator.stats().total).toBe(0);
  });
});
