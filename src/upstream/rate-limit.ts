/**
 * Auth0's rate-limit headers (FACTS A1): `X-RateLimit-Limit`, `-Remaining`, and `-Reset`, a UNIX
 * time in seconds. The client keeps the latest, and on a 429 waits until the reset (or
 * `Retry-After`), bounded, before it tries again.
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the bucket refills. */
  resetAt: number;
}

export function readRateLimit(headers: Record<string, string | string[] | undefined>): RateLimitState | undefined {
  const num = (name: string): number | undefined => {
    const raw = headers[name];
    const value = Number(Array.isArray(raw) ? raw[0] : raw);
    return raw === undefined || !Number.isFinite(value) ? undefined : value;
  };
  const limit = num('x-ratelimit-limit');
  const remaining = num('x-ratelimit-remaining');
  const reset = num('x-ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining, resetAt: reset * 1000 };
}

/** How long to wait after a 429: Retry-After (seconds or a date), else until the reset, else a backoff. */
export function waitAfter429(headers: Record<string, string | string[] | undefined>, now: number, fallbackMs: number): number {
  const raw = headers['retry-after'];
  const retryAfter = Array.isArray(raw) ? raw[0] : raw;
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const state = readRateLimit(headers);
  if (state) return Math.max(0, state.resetAt - now);
  return fallbackMs;
}
