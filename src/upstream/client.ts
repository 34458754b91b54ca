/**
 * The upstream client: the only door to the tenant (DESIGN 7). An undici Pool per tenant with
 * keep-alive and timeouts, a bound on requests in flight, authentication, and retries that are
 * safe (retry.ts). Each attempt is reported to `onAttempt`; the client logs nothing itself.
 */
import { Pool } from 'undici';
import { createTokenSource } from './auth.js';
import { type EncodedBody, encodeBody, type UpstreamBody } from './body.js';
import { Semaphore } from './concurrency.js';
import type { CallBudget } from './budget.js';
import { errorFromFailure, errorFromResponse, outcomeUnknown, provedUnsent, upstreamError, UpstreamError } from './errors.js';
import { type Settings, type UpstreamOptions, validateOptions } from './options.js';
import { buildPath } from './path.js';
import { buildQuery, type QueryValue } from './query.js';
import { type RateLimitState, readRateLimit, waitAfter429 } from './rate-limit.js';
import { readResponse, type RawResponse } from './response.js';
import { backoffMs, isTransient, retryReason, sleep, withJitter } from './retry.js';

export interface UpstreamRequest {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to `/api/v2`, e.g. `/users/{id}/roles`. */
  pathTemplate: string;
  pathParams?: Record<string, string | number>;
  /** Wire names; arrays repeat their key unless `queryStyle` says `explode: false`. */
  query?: Record<string, QueryValue>;
  queryStyle?: Record<string, { explode: boolean }>;
  /** Header parameters the spec declares; cannot override authorization or the body's headers. */
  headers?: Record<string, string>;
  body?: UpstreamBody;
  /** The caller's bearer token, used by the 'forward' auth mode only. */
  callerToken?: string;
  /** Ends the call (and its retry waits) when the caller goes away or the request times out. */
  signal?: AbortSignal;
  /** The GraphQL request's allowance of attempts: each attempt, retries included, spends one. */
  budget?: CallBudget;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string>;
  rateLimit?: RateLimitState;
}

export interface UpstreamClient {
  request<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>>;
  /** Readiness: a token can be had (when the gateway authenticates itself) and the API answers. */
  probe(): Promise<{ ok: boolean; detail: string }>;
  /** The latest rate-limit headers seen, from any response. */
  rateLimit(): RateLimitState | undefined;
  /** Epoch ms until which calls are held after a 429 (this client's or, shared, another replica's); 0 when none. */
  pausedUntil(): number;
  /** Gets the gateway's own token before any call needs it (client credentials); nothing to do otherwise. */
  prefetchToken(): Promise<void>;
  close(): Promise<void>;
}

/** Headers the client owns: a spec header parameter must not replace them. */
const RESERVED_HEADERS = new Set(['authorization', 'host', 'content-type', 'content-length', 'transfer-encoding', 'connection', 'accept']);

export function createUpstreamClient(options: UpstreamOptions): UpstreamClient {
  const settings = validateOptions(options);
  const pool = new Pool(settings.origin, {
    connections: settings.maxConcurrency,
    keepAliveTimeout: settings.keepAliveMs,
    connectTimeout: settings.connectMs,
    headersTimeout: settings.headersMs,
    bodyTimeout: settings.bodyMs,
  });
  const tokens = createTokenSource(options.auth, pool, settings.origin, settings.headersMs, options.sharedToken);
  const gate = new Semaphore(settings.maxConcurrency);
  const configuredSecret = options.auth.mode === 'client-credentials' ? options.auth.clientSecret
    : options.auth.mode === 'static' ? options.auth.token : undefined;
  let latest: RateLimitState | undefined;
  // After a 429 (or a response saying no budget remains) the whole tenant is throttled, not just
  // that call: others wait too, rather than spending the bucket's next tokens on requests bound to
  // be refused.
  let pausedUntil = 0;

  async function send<T>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const url = urlPath(settings, req);
    const body = await encodeBody(req.body);
    const secrets = () => [configuredSecret, req.callerToken, token];
    let token: string | undefined;
    try {
      token = await untilAborted(tokens.token(req.callerToken), req.signal);
    } catch (error) {
      throw errorFromFailure(error, req.operationId);
    }
    let refreshed = false;
    // A write sent without an answer: whatever happens next, its effect may already be applied.
    let unanswered = false;
    for (let n = 0; ; n++) {
      const started = performance.now();
      let sent = false;
      let result: RawResponse | undefined;
      let failure: unknown;
      try {
        await waitForThrottle(req.signal);
        if (options.tenantRate) {
          const wait = await options.tenantRate.reserve();
          if (wait > 0) await sleep(wait, req.signal);
        }
        result = await gate.run(() => {
          if (req.budget && !req.budget.take()) throw budgetSpent(req);
          sent = true;
          return attempt(req, url, token!, body);
        }, req.signal);
      } catch (error) {
        failure = error;
      }
      if (sent && !result && req.method !== 'GET' && !provedUnsent(failure)) unanswered = true;
      const status = result?.status ?? 0;
      const rateLimit = result ? readRateLimit(result.headers) : undefined;
      if (rateLimit) {
        latest = rateLimit;
        // Adaptive: as the tenant's budget runs low, fewer calls go out at once (no more than the
        // requests left), and the full width comes back when it refills.
        gate.setLimit(Math.min(settings.maxConcurrency, Math.max(1, rateLimit.remaining)));
        // The budget read empty without a 429 yet: the next call would be refused until the reset,
        // so this client holds its calls until then and, shared, so does every replica (bounded
        // like the wait after a 429).
        if (rateLimit.remaining <= 0 && status !== 429 && rateLimit.resetAt > Date.now()) hold(Math.min(rateLimit.resetAt, Date.now() + settings.maxWaitMs));
      }
      const reason = failure !== undefined && !isTransient(failure) ? undefined
        : retryReason({ method: req.method, status, failure, attempt: n, maxRetries: settings.maxRetries, canRefresh: tokens.refreshable && !refreshed });
      const unknown = reason === undefined && !result && unanswered;
      // The wait before the next attempt, decided now so that the attempt's event can report it.
      const wait = reason === 'throttled'
        ? withJitter(waitAfter429(result!.headers, Date.now(), backoffMs(settings.baseDelayMs, n, settings.maxWaitMs)), settings.maxWaitMs)
        : reason === 'unavailable' ? backoffMs(settings.baseDelayMs, n, settings.maxWaitMs) : 0;
      if (sent) {
        options.onAttempt?.({
          operationId: req.operationId, method: req.method, pathTemplate: req.pathTemplate, status,
          durationMs: performance.now() - started, attempt: n + 1, retried: reason !== undefined, ...(rateLimit ? { rateLimit } : {}),
          ...(reason === 'throttled' || reason === 'unavailable' ? { retryInMs: wait } : {}),
          ...(unknown ? { outcomeUnknown: true } : {}),
        });
      }
      if (result && status < 400) return { status, body: result.body as T, headers: result.headers, ...(rateLimit ? { rateLimit } : {}) };
      if (reason === undefined) {
        if (unknown) throw outcomeUnknown(req.operationId, req.method);
        throw result ? responseError(req, status, result.body, secrets()) : errorFromFailure(failure, req.operationId);
      }
      try {
        if (reason === 'refresh') {
          refreshed = true;
          token = await untilAborted(tokens.token(req.callerToken, token), req.signal);
        } else if (reason === 'throttled') {
          hold(Date.now() + wait);
          await sleep(wait, req.signal);
        } else {
          await sleep(wait, req.signal);
        }
      } catch (error) {
        if (unanswered) {
          options.onAttempt?.({ operationId: req.operationId, method: req.method, pathTemplate: req.pathTemplate, status: 0, durationMs: 0, attempt: n + 1, retried: false, outcomeUnknown: true });
          throw outcomeUnknown(req.operationId, req.method);
        }
        throw errorFromFailure(error, req.operationId);
      }
    }
  }

  /** A 401 to the gateway's own token is the gateway's problem, not the caller's (forwarding aside). */
  function responseError(req: UpstreamRequest, status: number, body: unknown, secrets: ReadonlyArray<string | undefined>): UpstreamError {
    const error = errorFromResponse(req.operationId, status, body, secrets);
    if (status !== 401 || options.auth.mode === 'forward') return error;
    return upstreamError({
      message: error.message,
      code: 'UPSTREAM_UNAUTHORIZED', operationId: req.operationId, statusCode: status, ...(error.errorCode ? { errorCode: error.errorCode } : {}),
    });
  }

  async function attempt(req: UpstreamRequest, path: string, token: string, body: EncodedBody | undefined): Promise<RawResponse> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers ?? {})) if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    headers.accept = 'application/json';
    headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = body.contentType;
    const response = await pool.request({ method: req.method, path, headers, body: body?.bytes, signal: req.signal });
    return readResponse(response);
  }

  /** Holds this client's calls until `until` and tells the other replicas to (when shared). */
  function hold(until: number): void {
    if (until <= pausedUntil) return;
    pausedUntil = until;
    options.sharedThrottle?.pause(pausedUntil);
  }

  function waitForThrottle(signal?: AbortSignal): Promise<void> {
    const pause = Math.max(pausedUntil, options.sharedThrottle?.pausedUntil() ?? 0) - Date.now();
    return pause > 0 ? sleep(Math.min(pause, settings.maxWaitMs), signal) : Promise.resolve();
  }

  async function probe(): Promise<{ ok: boolean; detail: string }> {
    try {
      if (options.auth.mode !== 'forward') await tokens.token(undefined);
      const response = await pool.request({ method: 'GET', path: `${settings.basePath}/`, headersTimeout: Math.min(settings.headersMs, 5_000) });
      await response.body.dump();
      return response.statusCode < 500 ? { ok: true, detail: 'upstream reachable' } : { ok: false, detail: `upstream answered ${response.statusCode}` };
    } catch (error) {
      if (error instanceof UpstreamError) return { ok: false, detail: error.message };
      const code = (error as { code?: unknown } | undefined)?.code;
      return { ok: false, detail: `upstream unreachable (${typeof code === 'string' ? code : (error as Error | undefined)?.name ?? 'unknown error'})` };
    }
  }

  return {
    request: send,
    probe,
    rateLimit: () => latest,
    pausedUntil: () => Math.max(pausedUntil, options.sharedThrottle?.pausedUntil() ?? 0),
    prefetchToken: async () => {
      if (options.auth.mode === 'client-credentials') await tokens.token(undefined);
    },
    close: async () => {
      await tokens.close();
      await pool.close();
    },
  };
}

function budgetSpent(req: UpstreamRequest): UpstreamError {
  return upstreamError({
    message: `This request has used its allowance of ${req.budget!.limit} Management API calls; nothing more is sent for it.`,
    code: 'UPSTREAM_BUDGET_EXCEEDED', operationId: req.operationId,
  });
}

/** `/api/v2` + the encoded path + the query string; throws BAD_USER_INPUT before anything is sent. */
function urlPath(settings: Settings, req: UpstreamRequest): string {
  return `${settings.basePath}${buildPath(req.pathTemplate, req.pathParams ?? {}, req.operationId)}${buildQuery(req.query, req.queryStyle)}`;
}

/** A shared promise (the single-flight token request) that one caller may stop waiting for. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
