/**
 * The client's options, checked and defaulted once, at creation. Messages name the option and the
 * value that arrived, except for secrets and tokens, which are never echoed.
 */
import type { AuthOptions } from './auth.js';
import type { RateLimitState } from './rate-limit.js';
import type { SharedThrottle } from './shared-throttle.js';
import type { TenantRate } from './tenant-rate.js';
import type { SharedTokenStore } from './shared-token.js';

export interface AttemptEvent {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** HTTP status, or 0 when no response came (timeout, reset). */
  status: number;
  durationMs: number;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  /** Whether another attempt follows this one. */
  retried: boolean;
  rateLimit?: RateLimitState;
  /** When another attempt follows after a wait (429, 5xx, timeout): the wait, jitter included, never above `retry.maxWaitMs`. */
  retryInMs?: number;
  /** A write that was sent and never answered: its effect is unknown (reported once, on the last attempt). */
  outcomeUnknown?: boolean;
}

export interface UpstreamOptions {
  /** `https://tenant.eu.auth0.com`, or the emulator's `http://127.0.0.1:4001`; the API is at `{baseUrl}/api/v2`. */
  baseUrl: string;
  auth: AuthOptions;
  /** Defaults: connect 5 s, response headers 15 s, gaps in the body 30 s, idle keep-alive 30 s. */
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number; keepAliveMs?: number };
  /**
   * Defaults: 3 retries (at most 10); a 429 waits for its reset but at most 10 s; backoff for
   * 5xx and network errors starts at 200 ms and doubles.
   */
  retry?: { maxRetries?: number; maxWaitMs?: number; baseDelayMs?: number };
  /** Requests in flight to the tenant at once, default 16; more wait their turn. */
  maxConcurrency?: number;
  /** Where replicas share the client-credentials token (Redis); each fetches its own without it. */
  sharedToken?: SharedTokenStore;
  /** Where replicas share the tenant's 429 pause (Redis); each meets its own 429s without it. */
  sharedThrottle?: SharedThrottle;
  /** Paces every attempt to the tenant (GATEWAY_TENANT_RATE); none without it. */
  tenantRate?: TenantRate;
  /** Called once per attempt (metrics, per-request call counts). Must not throw. */
  onAttempt?: (event: AttemptEvent) => void;
}

export interface Settings {
  origin: string;
  basePath: string;
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  keepAliveMs: number;
  maxRetries: number;
  maxWaitMs: number;
  baseDelayMs: number;
  maxConcurrency: number;
}

export const DEFAULTS = {
  connectMs: 5_000, headersMs: 15_000, bodyMs: 30_000, keepAliveMs: 30_000,
  maxRetries: 3, maxWaitMs: 10_000, baseDelayMs: 200, maxConcurrency: 16,
} as const;
const MAX_RETRIES_CAP = 10;

export function validateOptions(options: UpstreamOptions): Settings {
  if (!options || typeof options !== 'object') throw new TypeError('Upstream options must be an object');
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    // Quote what arrived, less anything up to the last `@` (a password may hold `/` or `@`).
    const shown = typeof options.baseUrl === 'string' ? options.baseUrl.replace(/^([^:/]*:\/\/)?.*@/s, '$1[redacted]@') : options.baseUrl;
    throw new TypeError(`baseUrl must be an absolute URL such as https://tenant.auth0.com, got ${JSON.stringify(shown)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`baseUrl must be http(s), got ${JSON.stringify(url.protocol)}`);
  // Credentials in the URL would end up in every request log along the way.
  if (url.username || url.password) throw new TypeError('baseUrl must not carry credentials; use the auth option');
  if (url.search || url.hash) throw new TypeError(`baseUrl must not have a query or fragment, got ${JSON.stringify(url.origin + url.pathname)}…`);
  validateAuth(options.auth);
  if (options.onAttempt !== undefined && typeof options.onAttempt !== 'function') throw new TypeError(`onAttempt must be a function, got ${typeof options.onAttempt}`);
  const maxRetries = number('retry.maxRetries', options.retry?.maxRetries, DEFAULTS.maxRetries, { integer: true, min: 0 });
  if (maxRetries > MAX_RETRIES_CAP) throw new RangeError(`retry.maxRetries must be at most ${MAX_RETRIES_CAP}, got ${maxRetries}`);
  return {
    origin: url.origin,
    basePath: `${url.pathname.replace(/\/+$/, '')}/api/v2`,
    connectMs: number('timeouts.connectMs', options.timeouts?.connectMs, DEFAULTS.connectMs, { min: 1 }),
    headersMs: number('timeouts.headersMs', options.timeouts?.headersMs, DEFAULTS.headersMs, { min: 1 }),
    bodyMs: number('timeouts.bodyMs', options.timeouts?.bodyMs, DEFAULTS.bodyMs, { min: 1 }),
    keepAliveMs: number('timeouts.keepAliveMs', options.timeouts?.keepAliveMs, DEFAULTS.keepAliveMs, { min: 1 }),
    maxRetries,
    maxWaitMs: number('retry.maxWaitMs', options.retry?.maxWaitMs, DEFAULTS.maxWaitMs, { min: 0 }),
    baseDelayMs: number('retry.baseDelayMs', options.retry?.baseDelayMs, DEFAULTS.baseDelayMs, { min: 0 }),
    maxConcurrency: number('maxConcurrency', options.maxConcurrency, DEFAULTS.maxConcurrency, { integer: true, min: 1 }),
  };
}

function number(name: string, value: unknown, fallback: number, rule: { integer?: boolean; min: number }): number {
  if (value === undefined) return fallback;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && (!rule.integer || Number.isInteger(value));
  if (!ok) throw new RangeError(`${name} must be ${rule.integer ? 'an integer' : 'a number'} ≥ ${rule.min}, got ${JSON.stringify(value)}`);
  return value;
}

function validateAuth(auth: AuthOptions | undefined): void {
  const mode = (auth as { mode?: unknown } | undefined)?.mode;
  const present = (name: string, value: unknown, secret: boolean) => {
    if (typeof value === 'string' && value !== '') return;
    // A secret's value is never quoted, only its type.
    const got = secret ? (typeof value === 'string' ? 'an empty string' : typeof value) : JSON.stringify(value);
    throw new TypeError(`auth.${name} must be a non-empty string, got ${got}`);
  };
  switch (mode) {
    case 'client-credentials': {
      const cc = auth as Extract<AuthOptions, { mode: 'client-credentials' }>;
      present('clientId', cc.clientId, false);
      present('clientSecret', cc.clientSecret, true);
      if (cc.audience !== undefined) present('audience', cc.audience, false);
      if (cc.tokenUrl !== undefined) present('tokenUrl', cc.tokenUrl, false);
      return;
    }
    case 'static':
      present('token', (auth as { token?: unknown }).token, true);
      return;
    case 'forward':
      return;
    default:
      throw new TypeError(`auth.mode must be 'client-credentials', 'static' or 'forward', got ${JSON.stringify(mode)}`);
  }
}
