/**
 * A token bucket like Auth0's (FACTS A1): `limit` requests of burst, refilled at `refillPerSecond`.
 * Every answer carries X-RateLimit-Limit/Remaining/Reset (reset in UNIX seconds); an empty bucket
 * answers 429 before anything is executed.
 */
export interface RateLimitOptions {
  limit: number;
  refillPerSecond: number;
  /** The clock (tests advance their own instead of sleeping until the bucket refills). */
  now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private updated: number;
  private readonly clock: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.tokens = options.limit;
    this.clock = options.now ?? Date.now;
    this.updated = this.clock();
  }

  take(now = this.clock()): { allowed: boolean; headers: Record<string, string> } {
    this.tokens = Math.min(this.options.limit, this.tokens + ((now - this.updated) / 1000) * this.options.refillPerSecond);
    this.updated = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const missing = this.options.limit - this.tokens;
    const resetAt = now + (missing / this.options.refillPerSecond) * 1000;
    return {
      allowed,
      headers: {
        'x-ratelimit-limit': String(this.options.limit),
        'x-ratelimit-remaining': String(Math.floor(this.tokens)),
        'x-ratelimit-reset': String(Math.ceil((allowed ? resetAt : now + 1000 / this.options.refillPerSecond) / 1000)),
      },
    };
  }

  reset(): void {
    this.tokens = this.options.limit;
    this.updated = this.clock();
  }
}
