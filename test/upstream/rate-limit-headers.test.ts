import { describe, expect, it } from 'vitest';
import { readRateLimit, waitAfter429 } from '../../src/upstream/rate-limit.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('rate-limit headers', () => {
  it('reads limit, remaining and a reset in UNIX seconds', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': String(now / 1000 + 3) }))
      .toEqual({ limit: 50, remaining: 7, resetAt: now + 3_000 });
  });

  it('ignores incomplete or malformed headers', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '50' })).toBeUndefined();
    expect(readRateLimit({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': 'many', 'x-ratelimit-reset': '1' })).toBeUndefined();
  });

  it.each([
    ['Retry-After in seconds', { 'retry-after': '2', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }, 2_000],
    ['Retry-After as an HTTP date', { 'retry-after': new Date(now + 4_000).toUTCString() }, 4_000],
    ['X-RateLimit-Reset without Retry-After', { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 5) }, 5_000],
    ['a reset already past', { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 - 5) }, 0],
    ['no header at all: the backoff', {}, 250],
  ])('waits after a 429 by %s', (_name, headers, want) => {
    expect(waitAfter429(headers, now, 250)).toBe(want);
  });
});
