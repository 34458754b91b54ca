import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient, UpstreamError, type UpstreamClient } from '../../src/upstream/index.js';

// A scripted Auth0 on loopback that records exactly what it received.
interface Seen { method: string; url: string; auth?: string; body: string }
let server: Server | undefined;
let client: UpstreamClient | undefined;

async function fake(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, auth: req.headers.authorization, body };
      seen.push(entry);
      handler(req, res, seen);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

afterEach(async () => {
  await client?.close();
  client = undefined;
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

const tokenHandler = (expiresIn = 86400) => (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => {
  if (req.url === '/oauth/token') {
    const n = seen.filter((s) => s.url === '/oauth/token').length;
    return setTimeout(() => json(res, 200, { access_token: `token-${n}`, expires_in: expiresIn, token_type: 'Bearer' }), 30);
  }
  if (req.headers.authorization === 'Bearer token-1' && req.url?.includes('expire-first')) return json(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Expired token received for JSON Web Token validation', errorCode: 'token_expired' });
  json(res, 200, { ok: true, auth: req.headers.authorization });
};

describe('client credentials', () => {
  it('many concurrent requests cause one token request', async () => {
    const { url, seen } = await fake(tokenHandler());
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'client-credentials', clientId: 'id', clientSecret: 's3cret-value' } });
    await Promise.all(Array.from({ length: 50 }, () => client!.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' })));
    expect(seen.filter((s) => s.url === '/oauth/token')).toHaveLength(1);
    expect(new URLSearchParams(seen[0]!.body).get('audience')).toBe(`${url}/api/v2/`);
    expect(seen.filter((s) => s.url === '/api/v2/users').every((s) => s.auth === 'Bearer token-1')).toBe(true);
  });

  it('refreshes a token refused with 401 once, and retries the call', async () => {
    const { url, seen } = await fake(tokenHandler());
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'client-credentials', clientId: 'id', clientSecret: 's' } });
    const response = await client.request({ operationId: 'x', method: 'GET', pathTemplate: '/expire-first' });
    expect(response.body).toEqual({ ok: true, auth: 'Bearer token-2' });
    expect(seen.map((s) => s.url)).toEqual(['/oauth/token', '/api/v2/expire-first', '/oauth/token', '/api/v2/expire-first']);
  });

  it('fetches a new token when the cached one is about to expire', async () => {
    const { url, seen } = await fake(tokenHandler(5));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'client-credentials', clientId: 'id', clientSecret: 's' } });
    await client.request({ operationId: 'x', method: 'GET', pathTemplate: '/a' });
    await client.request({ operationId: 'x', method: 'GET', pathTemplate: '/a' });
    // expires_in 5 s is inside the 10 s leeway: every call refreshes, one at a time.
    expect(seen.filter((s) => s.url === '/oauth/token')).toHaveLength(2);
  });

  it('never puts the secret or the token in an error', async () => {
    const { url } = await fake((req, res) => (req.url === '/oauth/token' ? json(res, 401, { error: 'access_denied', error_description: 'Unauthorized' }) : json(res, 200, {})));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'client-credentials', clientId: 'id', clientSecret: 'super-s3cret' } });
    const error = await client.request({ operationId: 'x', method: 'GET', pathTemplate: '/a' }).catch((e: unknown) => e) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UNAUTHENTICATED');
    const everything = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
    expect(everything).not.toContain('super-s3cret');
  });
});

describe('retries', () => {
  it('waits out a 429 until X-RateLimit-Reset and retries, even a POST', async () => {
    const { url, seen } = await fake((req, res, all) => {
      if (all.length === 1) return json(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' }, { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) });
      json(res, 201, { created: true }, { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) });
    });
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' } });
    const started = Date.now();
    const response = await client.request({ operationId: 'post_roles', method: 'POST', pathTemplate: '/roles', body: { kind: 'json', value: { name: 'r' } } });
    expect(response.status).toBe(201);
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThan(50);
    expect(client.rateLimit()).toMatchObject({ limit: 10, remaining: 9 });
  });

  it('does not retry a POST that timed out', async () => {
    const { url, seen } = await fake(() => { /* never answers */ });
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' }, timeouts: { headersMs: 200 } });
    const error = await client.request({ operationId: 'post_users', method: 'POST', pathTemplate: '/users', body: { kind: 'json', value: {} } }).catch((e: unknown) => e) as UpstreamError;
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(seen).toHaveLength(1);
  });

  it('retries a GET that met a 503, with backoff', async () => {
    const { url, seen } = await fake((req, res, all) => (all.length < 3 ? json(res, 503, { statusCode: 503, error: 'Service Unavailable', message: 'try later' }) : json(res, 200, [1])));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' }, retry: { baseDelayMs: 10 } });
    expect((await client.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' })).body).toEqual([1]);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a PATCH that met a 500', async () => {
    const { url, seen } = await fake((req, res) => json(res, 500, { statusCode: 500, error: 'Internal Server Error', message: 'boom' }));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' }, retry: { baseDelayMs: 10 } });
    const error = await client.request({ operationId: 'patch_users_by_id', method: 'PATCH', pathTemplate: '/users/{id}', pathParams: { id: 'a' }, body: { kind: 'json', value: {} } }).catch((e: unknown) => e) as UpstreamError;
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', statusCode: 500, operationId: 'patch_users_by_id' });
    expect(seen).toHaveLength(1);
  });
});

describe('paths and queries', () => {
  it.each([
    ['../clients', '/api/v2/users/..%2Fclients/roles'],
    ['auth0|x?y#z', '/api/v2/users/auth0%7Cx%3Fy%23z/roles'],
    ['a/b', '/api/v2/users/a%2Fb/roles'],
    ['"quoted\'', '/api/v2/users/%22quoted\'/roles'],
    ['%2F', '/api/v2/users/%252F/roles'],
  ])('keeps %j inside its segment', async (id, want) => {
    const { url, seen } = await fake((req, res) => json(res, 200, []));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' } });
    await client.request({ operationId: 'get_user_roles', method: 'GET', pathTemplate: '/users/{id}/roles', pathParams: { id } });
    expect(seen[0]!.url).toBe(want);
  });

  it.each(['.', '..', ''])('refuses %j as a path parameter before any request', async (id) => {
    const { url, seen } = await fake((req, res) => json(res, 200, []));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' } });
    await expect(client.request({ operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}', pathParams: { id } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(seen).toHaveLength(0);
  });

  it('repeats exploded arrays and joins the others', async () => {
    const { url, seen } = await fake((req, res) => json(res, 200, []));
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' } });
    await client.request({ operationId: 'x', method: 'GET', pathTemplate: '/resource-servers', query: { identifiers: ['a b', 'c&d'], strategy: ['x', 'y'], include_totals: true, skip: undefined }, queryStyle: { strategy: { explode: false } } });
    expect(seen[0]!.url).toBe('/api/v2/resource-servers?identifiers=a+b&identifiers=c%26d&strategy=x%2Cy&include_totals=true');
  });

  it('bounds the requests in flight', async () => {
    let active = 0;
    let peak = 0;
    const { url } = await fake((req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => { active--; json(res, 200, {}); }, 20);
    });
    client = createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 't' }, maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => client!.request({ operationId: 'x', method: 'GET', pathTemplate: '/a' })));
    expect(peak).toBe(3);
  });
});
