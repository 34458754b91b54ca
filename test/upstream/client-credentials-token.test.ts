import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient, UpstreamError } from '../../src/upstream/index.js';
import { auth0Error, closeAll, json, rejection, type Seen, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

const credentials = { mode: 'client-credentials', clientId: 'gateway-client', clientSecret: 'gateway-secret' } as const;

/** Issues `token-1`, `token-2`, … (slowly, so concurrent callers overlap); refuses `refused` with 401. */
function tenant(options: { expiresIn?: number; refused?: (auth: string | undefined) => boolean } = {}) {
  return (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => {
    if (req.url === '/oauth/token') {
      const n = seen.filter((s) => s.url === '/oauth/token').length;
      setTimeout(() => json(res, 200, { access_token: `token-${n}`, expires_in: options.expiresIn ?? 86_400, token_type: 'Bearer' }), 30);
      return;
    }
    if (options.refused?.(req.headers.authorization)) return auth0Error(res, 401, 'Unauthorized', 'Expired token received for JSON Web Token validation', 'token_expired');
    json(res, 200, { auth: req.headers.authorization });
  };
}

describe('client credentials', () => {
  it('asks for a token with the form Auth0 documents, for the tenant audience by default', async () => {
    const fake = await startFakeAuth0(tenant());
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    const [token] = fake.tokenRequests();
    expect(token!.method).toBe('POST');
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      grant_type: 'client_credentials', client_id: 'gateway-client', client_secret: 'gateway-secret', audience: `${fake.url}/api/v2/`,
    });
    expect(fake.api()[0]!.headers.authorization).toBe('Bearer token-1');
  });

  it('uses the audience and token URL given', async () => {
    const issuer = await startFakeAuth0(tenant());
    const api = await startFakeAuth0(tenant());
    const client = track(createUpstreamClient({
      baseUrl: api.url, auth: { ...credentials, audience: 'https://tenant.eu.auth0.com/api/v2/', tokenUrl: `${issuer.url}/oauth/token` },
    }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(new URLSearchParams(issuer.tokenRequests()[0]!.body).get('audience')).toBe('https://tenant.eu.auth0.com/api/v2/');
    expect(api.tokenRequests()).toEqual([]);
    expect(api.api().map((s) => s.headers.authorization)).toEqual(['Bearer token-1']);
  });

  it('50 concurrent calls cause exactly one token request', async () => {
    const fake = await startFakeAuth0(tenant());
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    await Promise.all(Array.from({ length: 50 }, () => client.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' })));
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.api()).toHaveLength(50);
    expect(new Set(fake.api().map((s) => s.headers.authorization))).toEqual(new Set(['Bearer token-1']));
  });

  it('reuses a cached token across calls', async () => {
    const fake = await startFakeAuth0(tenant());
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    for (let i = 0; i < 3; i++) await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('fetches a new token once the cached one is within 10 s of expiry', async () => {
    // expires_in 5 s is inside the 10 s leeway: each sequential call finds the token expiring.
    const fake = await startFakeAuth0(tenant({ expiresIn: 5 }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.api().map((s) => s.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('a 401 forces one refresh and one retry', async () => {
    const fake = await startFakeAuth0(tenant({ refused: (auth) => auth === 'Bearer token-1' }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    const response = await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(response.body).toEqual({ auth: 'Bearer token-2' });
    expect(fake.seen.map((s) => s.url)).toEqual(['/oauth/token', '/api/v2/roles', '/oauth/token', '/api/v2/roles']);
  });

  it('concurrent calls refused with 401 share one refresh', async () => {
    const fake = await startFakeAuth0(tenant({ refused: (auth) => auth === 'Bearer token-1' }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    await Promise.all(Array.from({ length: 10 }, () => client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' })));
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it('a second 401 after the refresh is an UPSTREAM_UNAUTHORIZED error (the gateway’s credential), with no further refresh', async () => {
    const fake = await startFakeAuth0(tenant({ refused: () => true }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    const error = await rejection(client.request({ operationId: 'get_roles', method: 'POST', pathTemplate: '/roles', body: { kind: 'json', value: {} } }));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', statusCode: 401, errorCode: 'token_expired', operationId: 'get_roles' });
    expect(fake.seen.map((s) => s.url)).toEqual(['/oauth/token', '/api/v2/roles', '/oauth/token', '/api/v2/roles']);
  });

  it('a token answer cut off mid-body is UPSTREAM_UNAVAILABLE, not a refusal of the credentials', async () => {
    const fake = await startFakeAuth0((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"access_token":"partial');
      setImmediate(() => res.socket?.destroy());
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials, retry: { maxRetries: 0 } }));
    const error = await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', statusCode: 200 });
    expect((error as Error).message).toMatch(/^The token endpoint's answer could not be read \(\w+\)\.$/);
    expect(fake.api()).toEqual([]);
  });

  it('a refused token request is an UPSTREAM_UNAUTHORIZED error quoting Auth0 without the secret', async () => {
    const fake = await startFakeAuth0((req, res) => json(res, 401, { error: 'access_denied', error_description: 'Unauthorized' }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    const error = await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', statusCode: 401, errorCode: 'access_denied', message: "The token endpoint refused the gateway's client credentials: Unauthorized" });
    expect(fake.api()).toEqual([]);
  });

  it('after a failed token request the next call tries again', async () => {
    let fail = true;
    const fake = await startFakeAuth0((req, res) => {
      if (req.url === '/oauth/token') return fail ? json(res, 503, {}) : json(res, 200, { access_token: 'fresh', expires_in: 86_400 });
      json(res, 200, {});
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: credentials }));
    expect(await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    fail = false;
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(fake.api()[0]!.headers.authorization).toBe('Bearer fresh');
  });
});

describe('static and forwarded tokens', () => {
  it('a static token is sent as is, and a 401 is not retried', async () => {
    const fake = await startFakeAuth0((req, res) => auth0Error(res, 401, 'Unauthorized', 'Invalid token', 'invalid_token'));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    expect(await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }))).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', errorCode: 'invalid_token' });
    expect(fake.seen.map((s) => s.headers.authorization)).toEqual(['Bearer static-token']);
  });

  it("forwarding sends each call's caller token", async () => {
    const fake = await startFakeAuth0((req, res) => json(res, 200, {}));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'forward' } }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles', callerToken: 'caller-a' });
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles', callerToken: 'caller-b' });
    expect(fake.seen.map((s) => s.headers.authorization)).toEqual(['Bearer caller-a', 'Bearer caller-b']);
  });

  it('forwarding without a caller token is UNAUTHENTICATED and sends nothing', async () => {
    const fake = await startFakeAuth0((req, res) => json(res, 200, {}));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'forward' } }));
    expect(await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(fake.seen).toEqual([]);
  });

  it('a spec header parameter cannot replace the authorization header', async () => {
    const fake = await startFakeAuth0((req, res) => json(res, 200, {}));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles', headers: { Authorization: 'Bearer other', 'x-extra': '1' } });
    expect(fake.seen[0]!.headers).toMatchObject({ authorization: 'Bearer static-token', 'x-extra': '1' });
  });
});
