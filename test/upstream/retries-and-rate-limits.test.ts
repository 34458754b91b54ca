import { afterEach, describe, expect, it } from 'vitest';
import { type AttemptEvent, createUpstreamClient } from '../../src/upstream/index.js';
import { backoffMs, withJitter } from '../../src/upstream/retry.js';
import { auth0Error, closeAll, json, rateLimitHeaders, rejection, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

const staticAuth = { mode: 'static', token: 'static-token' } as const;
const tooMany = 'Global limit has been reached';

describe('429: waited out and retried, whatever the method', () => {
  // No durations are measured (a shared machine stretches them): the wait the client decided, which
  // its attempt event reports, and the order of arrivals at the fake, by its own clock.
  it('waits until X-RateLimit-Reset, then retries a POST', async () => {
    let resetAt = 0;
    const fake = await startFakeAuth0((_req, res, seen) => {
      if (seen.length === 1) {
        const headers = rateLimitHeaders(0, 1);
        resetAt = Number(headers['x-ratelimit-reset']) * 1000;
        return auth0Error(res, 429, 'Too Many Requests', tooMany, 'too_many_requests', headers);
      }
      json(res, 201, { id: 'rol_1' }, rateLimitHeaders(9, 1));
    });
    const events: AttemptEvent[] = [];
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, onAttempt: (e) => events.push(e) }));
    const response = await client.request({ operationId: 'post_roles', method: 'POST', pathTemplate: '/roles', body: { kind: 'json', value: { name: 'r' } } });
    expect(response).toMatchObject({ status: 201, body: { id: 'rol_1' }, rateLimit: { limit: 50, remaining: 9 } });
    expect(fake.seen.map((s) => [s.method, s.body])).toEqual([['POST', '{"name":"r"}'], ['POST', '{"name":"r"}']]);
    // The client waited for the reset, plus at most 100 ms of jitter, and not for a backoff guess.
    expect(events.map((e) => [e.status, e.retried])).toEqual([[429, true], [201, false]]);
    expect(events[0]!.retryInMs).toBeLessThanOrEqual(resetAt - fake.seen[0]!.at + 100);
    expect(fake.seen[1]!.at).toBeGreaterThanOrEqual(resetAt);
    expect(client.rateLimit()).toMatchObject({ limit: 50, remaining: 9 });
  });

  it('prefers Retry-After when present', async () => {
    const fake = await startFakeAuth0((_req, res, seen) => {
      if (seen.length === 1) return auth0Error(res, 429, 'Too Many Requests', tooMany, 'too_many_requests', { 'retry-after': '1', ...rateLimitHeaders(0, 60) });
      json(res, 200, {});
    });
    const events: AttemptEvent[] = [];
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, onAttempt: (e) => events.push(e) }));
    await client.request({ operationId: 'patch_users_by_id', method: 'PATCH', pathTemplate: '/users/{id}', pathParams: { id: 'u' }, body: { kind: 'json', value: {} } });
    // Retry-After's 1 s, not the 60 s reset (which the 10 s cap would have cut to 10 s).
    expect(events[0]!.retryInMs).toBeGreaterThanOrEqual(1_000);
    expect(events[0]!.retryInMs).toBeLessThanOrEqual(1_100);
    expect(fake.seen).toHaveLength(2);
    expect(fake.seen[1]!.at - fake.seen[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('never waits longer than maxWaitMs, jitter included, however far the reset', async () => {
    const fake = await startFakeAuth0((_req, res, seen) => {
      if (seen.length <= 3) return auth0Error(res, 429, 'Too Many Requests', tooMany, undefined, rateLimitHeaders(0, 3_600));
      json(res, 200, {});
    });
    const events: AttemptEvent[] = [];
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { maxWaitMs: 150, maxRetries: 3 }, onAttempt: (e) => events.push(e) }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    const waits = events.filter((e) => e.retried).map((e) => e.retryInMs!);
    expect(waits).toHaveLength(3);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(150 - 100);
      expect(wait).toBeLessThanOrEqual(150);
    }
  });

  it('bounds every wait by the cap, whatever the random draw', () => {
    for (const draw of [0, 0.5, 0.999999]) {
      expect(withJitter(10_000, 10_000, () => draw)).toBeLessThanOrEqual(10_000);
      expect(withJitter(20_000, 10_000, () => draw)).toBeLessThanOrEqual(10_000);
      expect(withJitter(2_000, 10_000, () => draw)).toBe(2_000 + draw * 100);
      expect(backoffMs(250, 10, 10_000, () => draw)).toBeLessThanOrEqual(10_000);
      expect(backoffMs(250, 1, 10_000, () => draw)).toBe(500 * (0.5 + draw));
    }
  });

  it("holds the tenant's other calls until the wait is over", async () => {
    let resetAt = 0;
    const fake = await startFakeAuth0((_req, res, seen) => {
      if (seen.length > 1) return json(res, 200, {});
      resetAt = Date.now() + 1_000;
      auth0Error(res, 429, 'Too Many Requests', tooMany, undefined, { 'retry-after': '1' });
    });
    let throttled!: () => void;
    const seenThrottle = new Promise<void>((resolve) => { throttled = resolve; });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, onAttempt: (e) => { if (e.status === 429) throttled(); } }));
    const first = client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    // The second call starts once the 429 has been seen: it is held, not sent.
    await seenThrottle;
    const second = client.request({ operationId: 'get_clients', method: 'GET', pathTemplate: '/clients' });
    await Promise.all([first, second]);
    // The retried call and the held one both go once the wait is over, in either order.
    expect(fake.seen[0]!.url).toBe('/api/v2/roles');
    expect(fake.seen.slice(1).map((s) => s.url).sort()).toEqual(['/api/v2/clients', '/api/v2/roles']);
    for (const later of fake.seen.slice(1)) expect(later.at).toBeGreaterThanOrEqual(resetAt - 5);
  });

  it('gives up after maxRetries with RATE_LIMITED and Auth0 codes', async () => {
    const fake = await startFakeAuth0((_req, res) => auth0Error(res, 429, 'Too Many Requests', tooMany, 'too_many_requests', { 'retry-after': '0' }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { maxRetries: 2 } }));
    const error = await rejection(client.request({ operationId: 'post_roles', method: 'POST', pathTemplate: '/roles', body: { kind: 'json', value: {} } }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', statusCode: 429, errorCode: 'too_many_requests', message: tooMany, operationId: 'post_roles' });
    expect(fake.seen).toHaveLength(3);
  });
});

describe('5xx, timeouts and resets: only idempotent methods are retried', () => {
  it('retries a GET that met a 503, with backoff', async () => {
    const fake = await startFakeAuth0((_req, res, seen) => (seen.length < 3 ? auth0Error(res, 503, 'Service Unavailable', 'try later') : json(res, 200, [1])));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { baseDelayMs: 10 } }));
    expect((await client.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' })).body).toEqual([1]);
    expect(fake.seen).toHaveLength(3);
  });

  it.each(['PUT', 'DELETE'] as const)('retries a %s that met a 502', async (method) => {
    const fake = await startFakeAuth0((_req, res, seen) => (seen.length < 2 ? json(res, 502, {}) : json(res, 200, {})));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { baseDelayMs: 10 } }));
    await client.request({ operationId: 'x', method, pathTemplate: '/roles/{id}', pathParams: { id: 'r' } });
    expect(fake.seen.map((s) => s.method)).toEqual([method, method]);
  });

  it.each(['POST', 'PATCH'] as const)('does not retry a %s that met a 500', async (method) => {
    const fake = await startFakeAuth0((_req, res) => auth0Error(res, 500, 'Internal Server Error', 'boom'));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { baseDelayMs: 10 } }));
    const error = await rejection(client.request({ operationId: 'op', method, pathTemplate: '/users', body: { kind: 'json', value: {} } }));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', statusCode: 500, message: 'boom', operationId: 'op' });
    expect(fake.seen).toHaveLength(1);
  });

  it('does not retry a POST that timed out, and says its outcome is unknown', async () => {
    const fake = await startFakeAuth0(() => { /* never answers */ });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, timeouts: { headersMs: 200 }, retry: { baseDelayMs: 10 } }));
    const error = await rejection(client.request({ operationId: 'post_users', method: 'POST', pathTemplate: '/users', body: { kind: 'json', value: {} } }));
    expect(error).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', operationId: 'post_users' });
    expect((error as Error).message).toMatch(/may have been applied/);
    expect(fake.seen).toHaveLength(1);
  });

  it('retries a GET that timed out', async () => {
    const fake = await startFakeAuth0((_req, res, seen) => {
      if (seen.length > 1) json(res, 200, { ok: true });
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, timeouts: { headersMs: 200 }, retry: { baseDelayMs: 10 } }));
    expect((await client.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' })).body).toEqual({ ok: true });
    expect(fake.seen).toHaveLength(2);
  });

  it('retries a GET whose connection was reset', async () => {
    const fake = await startFakeAuth0((req, res, seen) => (seen.length === 1 ? req.socket.destroy() : json(res, 200, {})));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { baseDelayMs: 10 } }));
    await client.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' });
    expect(fake.seen).toHaveLength(2);
  });

  it('does not retry a 501: the operation is not there', async () => {
    const fake = await startFakeAuth0((_req, res) => auth0Error(res, 501, 'Not Implemented', 'not modelled'));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { baseDelayMs: 10 } }));
    expect(await rejection(client.request({ operationId: 'get_x', method: 'GET', pathTemplate: '/x' }))).toMatchObject({ code: 'NOT_IMPLEMENTED' });
    expect(fake.seen).toHaveLength(1);
  });

  it('an aborted signal ends the call during a retry wait', async () => {
    const fake = await startFakeAuth0((_req, res) => auth0Error(res, 429, 'Too Many Requests', tooMany, undefined, { 'retry-after': '5' }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth }));
    const started = Date.now();
    const error = await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles', signal: AbortSignal.timeout(200) }));
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.seen).toHaveLength(1);
  });
});

describe('rate-limit state and attempt events', () => {
  it('reports each attempt, with status, attempt number, whether it is retried, and the rate limit', async () => {
    const fake = await startFakeAuth0((_req, res, seen) => (seen.length === 1 ? json(res, 503, {}, rateLimitHeaders(4, 30)) : json(res, 200, {}, rateLimitHeaders(3, 30))));
    const events: AttemptEvent[] = [];
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, retry: { baseDelayMs: 10 }, onAttempt: (e) => events.push(e) }));
    const response = await client.request({ operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}', pathParams: { id: 'secret|id' } });
    expect(events.map(({ durationMs, rateLimit, retryInMs, ...rest }) => rest)).toEqual([
      { operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}', status: 503, attempt: 1, retried: true },
      { operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}', status: 200, attempt: 2, retried: false },
    ]);
    expect(events.map((e) => e.rateLimit?.remaining)).toEqual([4, 3]);
    // A backoff of 10 ms ±50% before the retry; none after the last attempt.
    expect(events[0]!.retryInMs).toBeGreaterThanOrEqual(5);
    expect(events[0]!.retryInMs).toBeLessThanOrEqual(15);
    expect(events[1]!.retryInMs).toBeUndefined();
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
    expect(response.rateLimit).toEqual(client.rateLimit());
    expect(client.rateLimit()!.resetAt).toBeGreaterThan(Date.now());
  });

  it('reports status 0 for an attempt that got no answer', async () => {
    const fake = await startFakeAuth0(() => { /* never answers */ });
    const events: AttemptEvent[] = [];
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: staticAuth, timeouts: { headersMs: 100 }, retry: { maxRetries: 0 }, onAttempt: (e) => events.push(e) }));
    await rejection(client.request({ operationId: 'get_users', method: 'GET', pathTemplate: '/users' }));
    expect(events).toMatchObject([{ status: 0, attempt: 1, retried: false }]);
    expect(client.rateLimit()).toBeUndefined();
  });
});
