import { describe, expect, it } from 'vitest';
import { createUpstreamClient, type UpstreamOptions } from '../../src/upstream/index.js';

const base: UpstreamOptions = { baseUrl: 'http://127.0.0.1:1', auth: { mode: 'static', token: 'static-token' } };
const create = (patch: Record<string, unknown>) => () => createUpstreamClient({ ...base, ...patch } as UpstreamOptions);

describe('options are checked once, at creation, with messages naming the bad value', () => {
  it.each([
    ['a relative baseUrl', { baseUrl: 'tenant.auth0.com' }, 'baseUrl must be an absolute URL such as https://tenant.auth0.com, got "tenant.auth0.com"'],
    ['a baseUrl that is not http(s)', { baseUrl: 'ftp://tenant' }, 'baseUrl must be http(s), got "ftp:"'],
    ['a baseUrl with a query', { baseUrl: 'https://tenant.auth0.com/?x=1' }, 'baseUrl must not have a query or fragment, got "https://tenant.auth0.com/"…'],
    ['an unknown auth mode', { auth: { mode: 'password' } }, `auth.mode must be 'client-credentials', 'static' or 'forward', got "password"`],
    ['no auth', { auth: undefined }, `auth.mode must be 'client-credentials', 'static' or 'forward', got undefined`],
    ['a missing clientId', { auth: { mode: 'client-credentials', clientSecret: 'x' } }, 'auth.clientId must be a non-empty string, got undefined'],
    ['an empty audience', { auth: { mode: 'client-credentials', clientId: 'c', clientSecret: 'x', audience: '' } }, 'auth.audience must be a non-empty string, got ""'],
    ['a negative timeout', { timeouts: { headersMs: -1 } }, 'timeouts.headersMs must be a number ≥ 1, got -1'],
    ['a timeout that is not a number', { timeouts: { connectMs: '5s' } }, 'timeouts.connectMs must be a number ≥ 1, got "5s"'],
    ['a fractional maxRetries', { retry: { maxRetries: 1.5 } }, 'retry.maxRetries must be an integer ≥ 0, got 1.5'],
    ['too many retries', { retry: { maxRetries: 11 } }, 'retry.maxRetries must be at most 10, got 11'],
    ['a NaN maxWaitMs', { retry: { maxWaitMs: Number.NaN } }, 'retry.maxWaitMs must be a number ≥ 0, got null'],
    ['a zero maxConcurrency', { maxConcurrency: 0 }, 'maxConcurrency must be an integer ≥ 1, got 0'],
    ['an onAttempt that is not a function', { onAttempt: 'log' }, 'onAttempt must be a function, got string'],
  ])('refuses %s', (_name, patch, message) => {
    expect(create(patch)).toThrow(message);
  });

  it('accepts the documented shapes', async () => {
    for (const patch of [
      {},
      { baseUrl: 'https://tenant.eu.auth0.com' },
      { auth: { mode: 'forward' } },
      { auth: { mode: 'client-credentials', clientId: 'c', clientSecret: 's', audience: 'https://tenant/api/v2/', tokenUrl: 'https://tenant/oauth/token' } },
      { timeouts: { connectMs: 1_000, headersMs: 2_000, bodyMs: 3_000, keepAliveMs: 4_000 }, retry: { maxRetries: 0, maxWaitMs: 0, baseDelayMs: 0 }, maxConcurrency: 1 },
    ]) {
      await create(patch)().close();
    }
  });
});
