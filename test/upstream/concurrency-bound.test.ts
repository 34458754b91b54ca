import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUpstreamClient } from '../../src/upstream/index.js';
import { closeAll, json, rejection, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

describe('requests in flight to one tenant are bounded', () => {
  it('never more than maxConcurrency at once; the rest queue and all complete', async () => {
    const held: ServerResponse[] = [];
    const fake = await startFakeAuth0((_req, res) => { held.push(res); });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, maxConcurrency: 3 }));
    const results = Promise.all(Array.from({ length: 12 }, () => client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' })));
    expect(await inRounds(held, 12, 3, () => ({}))).toEqual([3, 3, 3, 3]);
    expect((await results).every((r) => r.status === 200)).toBe(true);
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
    const held: ServerResponse[] = [];
    const fake = await startFakeAuth0((_req, res) => { held.push(res); });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, maxConcurrency: 8 }));
    const call = () => client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    const budget = (remaining: number) => () => ({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) });
    const first = call();
    await inRounds(held, 1, 1, budget(2));
    await first;
    const narrow = Promise.all(Array.from({ length: 12 }, call));
    expect(await inRounds(held, 12, 2, budget(2))).toEqual([2, 2, 2, 2, 2, 2]);
    await narrow;
    const refill = call();
    await inRounds(held, 1, 1, budget(40));
    await refill;
    const wide = Promise.all(Array.from({ length: 12 }, call));
    expect(await inRounds(held, 12, 8, budget(40))).toEqual([8, 4]);
    await wide;
  });
});

/**
 * Serves `total` requests in rounds: each round waits until `bound` requests (or all that are
 * left) are held, gives the client a moment to send any beyond the bound, then answers them all;
 * returns how many were in flight each round. A slow machine only delays a round; a request
 * beyond the bound could only arrive while the others are held, and is counted.
 */
async function inRounds(held: ServerResponse[], total: number, bound: number, headers: () => Record<string, string>): Promise<number[]> {
  const rounds: number[] = [];
  for (let served = 0; served < total;) {
    const expected = Math.min(bound, total - served);
    await vi.waitFor(() => expect(held.length).toBeGreaterThanOrEqual(expected), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    rounds.push(held.length);
    for (const res of held.splice(0)) {
      json(res, 200, {}, headers());
      served++;
    }
  }
  return rounds;
}
