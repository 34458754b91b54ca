/**
 * When a failed attempt is tried again, and after how long (FACTS A1).
 * - 429: the request was not executed, so any method is retried, after the wait the headers ask
 *   for, capped by `maxWaitMs` (the reset can lie far ahead; Auth0's bucket refills a token every
 *   few hundred ms, so a capped wait usually suffices, and the retry bound ends hopeless cases).
 * - 5xx (but 501), timeouts, resets: only idempotent methods; a POST that timed out may have been
 *   executed, and doing it twice could create two users.
 * - 401 with client credentials: one forced token refresh.
 */
export type RetryReason = 'refresh' | 'throttled' | 'unavailable';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const TRANSIENT = new Set([
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN',
]);
/** Jitter added to every wait, so clients that met the same 429 do not come back in lockstep. */
const JITTER_MS = 100;

export interface AttemptOutcome {
  method: string;
  /** HTTP status, or 0 when no response came. */
  status: number;
  failure?: unknown;
  attempt: number;
  maxRetries: number;
  canRefresh: boolean;
}

export function retryReason(o: AttemptOutcome): RetryReason | undefined {
  if (o.status === 401) return o.canRefresh ? 'refresh' : undefined;
  if (o.attempt >= o.maxRetries) return undefined;
  if (o.status === 429) return 'throttled';
  // 501 says the operation is not there: trying again cannot help.
  const unavailable = (o.status >= 500 && o.status !== 501) || (o.failure !== undefined && isTransient(o.failure));
  return unavailable && IDEMPOTENT.has(o.method) ? 'unavailable' : undefined;
}

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

/** Exponential backoff with ±50% jitter: `base·2^attempt`, the jittered wait capped at `maxMs`. */
export function backoffMs(baseDelayMs: number, attempt: number, maxMs: number, random = Math.random): number {
  return Math.min(maxMs, baseDelayMs * 2 ** attempt * (0.5 + random()));
}

/**
 * The wait plus up to JITTER_MS, never above `maxMs`: at the cap the jitter falls below it, so
 * clients held to the cap still come back spread out.
 */
export function withJitter(ms: number, maxMs: number, random = Math.random): number {
  const jitter = random() * JITTER_MS;
  return ms + jitter <= maxMs ? ms + jitter : Math.max(0, maxMs - jitter);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
