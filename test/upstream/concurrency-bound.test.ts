import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../src/upstream/index.js';
import { closeAll, json, rejection, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

describe('requests in flight to one tenant are bounded', () => {
  it('never more than maxConcurrency at once; the rest queue and all complete', async () => {
    let active = 0;
    let peak = 0;
    const fake = await startFakeAuth0((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(res, 200, {});
      }, 20);
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, maxConcurrency: 3 }));
    const results = await Promise.all(Array.from({ length: 12 }, () => client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(peak).toBe(3);
    expect(fake.seen).toHaveLength(12);
  });

  it('a queued call whose signal aborts leaves the queue and is never sent', async () => {
    const fake = await startFakeAuth0((_req, res) => setTimeout(() => json(res, 200, {}), 300));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, maxConcurrency: 1 }));
    const first = client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    const controller = new AbortController();
    const queued = client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles/{id}', pathParams: { id: 'queued' }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(queued)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: 'The request was cancelled.' });
    await first;
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(fake.seen.map((s) => s.url)).toEqual(['/api/v2/roles', '/api/v2/roles']);
  });

  it('narrows to the requests the tenant has left, and widens again when its budget refills', async () => {
    let active = 0;
    let peak = 0;
    let remaining = 2;
    const fake = await startFakeAuth0((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(res, 200, {}, { 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) });
      }, 20);
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, maxConcurrency: 8 }));
    const call = () => client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    await call();
    peak = 0;
    await Promise.all(Array.from({ length: 12 }, call));
    expect(peak).toBe(2);
    remaining = 40;
    await call();
    peak = 0;
    await Promise.all(Array.from({ length: 12 }, call));
    expect(peak).toBe(8);
  });
});
