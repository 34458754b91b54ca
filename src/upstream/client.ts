/**
 * The upstream client: the only door to the tenant (DESIGN 7). An undici Pool per tenant with
 * keep-alive and timeouts, a bound on requests in flight, authentication, and retries that are
 * safe: a 429 was not executed, so any method is retried after the wait the headers ask for; 5xx,
 * timeouts and resets are retried only for idempotent methods, with jittered backoff; a 401 with
 * client credentials refreshes the token once.
 */
import { Pool } from 'undici';
import { type AuthOptions, createTokenSource } from './auth.js';
import { Semaphore } from './concurrency.js';
import { UpstreamError, errorFromResponse } from './errors.js';
import { buildPath } from './path.js';
import { type QueryValue, buildQuery } from './query.js';
import { type RateLimitState, readRateLimit, waitAfter429 } from './rate-limit.js';

export interface UpstreamRequest {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pathTemplate: string;
  pathParams?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  queryStyle?: Record<string, { explode: boolean }>;
  headers?: Record<string, string>;
  body?: { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, unknown> } | { kind: 'multipart'; value: FormData };
  callerToken?: string;
  signal?: AbortSignal;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string>;
  rateLimit?: RateLimitState;
}

export interface AttemptEvent {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** HTTP status, or 0 when no response came (timeout, reset). */
  status: number;
  durationMs: number;
  attempt: number;
  retried: boolean;
  rateLimit?: RateLimitState;
}

export interface UpstreamOptions {
  /** `https://tenant.eu.auth0.com`, or the emulator's `http://127.0.0.1:4001`. */
  baseUrl: string;
  auth: AuthOptions;
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  retry?: { maxRetries?: number; maxWaitMs?: number; baseDelayMs?: number };
  maxConcurrency?: number;
  onAttempt?: (event: AttemptEvent) => void;
}

export interface UpstreamClient {
  request<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>>;
  /** Readiness: a token can be had (when the gateway authenticates itself) and the API answers. */
  probe(): Promise<{ ok: boolean; detail: string }>;
  rateLimit(): RateLimitState | undefined;
  close(): Promise<void>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const DEFAULTS = { connectMs: 5_000, headersMs: 15_000, bodyMs: 30_000, maxRetries: 3, maxWaitMs: 10_000, baseDelayMs: 200, maxConcurrency: 16 };

export function createUpstreamClient(options: UpstreamOptions): UpstreamClient {
  const settings = validate(options);
  const pool = new Pool(settings.origin, {
    connections: settings.maxConcurrency,
    keepAliveTimeout: 30_000,
    connectTimeout: settings.connectMs,
    headersTimeout: settings.headersMs,
    bodyTimeout: settings.bodyMs,
  });
  const tokens = createTokenSource(options.auth, pool, settings.origin, settings.headersMs);
  const gate = new Semaphore(settings.maxConcurrency);
  let latest: RateLimitState | undefined;

  async function attempt(req: UpstreamRequest, token: string): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
    const path = `${settings.basePath}${buildPath(req.pathTemplate, req.pathParams ?? {}, req.operationId)}${buildQuery(req.query, req.queryStyle)}`;
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}`, ...(req.headers ?? {}) };
    let body: string | FormData | undefined;
    if (req.body?.kind === 'json') {
      body = JSON.stringify(req.body.value);
      headers['content-type'] = 'application/json';
    } else if (req.body?.kind === 'form') {
      body = new URLSearchParams(Object.entries(req.body.value).map(([k, v]) => [k, String(v)])).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.body?.kind === 'multipart') {
      // Let undici write the multipart body and its boundary.
      const encoded = new Response(req.body.value);
      headers['content-type'] = encoded.headers.get('content-type')!;
      body = Buffer.from(await encoded.arrayBuffer()) as unknown as string;
    }
    const response = await pool.request({ method: req.method, path, headers, body: body as string | undefined, signal: req.signal });
    const text = await response.body.text();
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    let parsed: unknown = text;
    if (text === '') parsed = undefined;
    else if ((flat['content-type'] ?? '').includes('json')) {
      try { parsed = JSON.parse(text); } catch { parsed = text; }
    }
    return { status: response.statusCode, headers: flat, body: parsed };
  }

  async function send<T>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    let token = await tokens.token(req.callerToken);
    let refreshed = false;
    for (let n = 0; ; n++) {
      const started = performance.now();
      let result: Awaited<ReturnType<typeof attempt>> | undefined;
      let failure: unknown;
      try {
        result = await gate.run(() => attempt(req, token));
      } catch (error) {
        failure = error;
      }
      const rateLimit = result ? readRateLimit(result.headers) : undefined;
      if (rateLimit) latest = rateLimit;
      const status = result?.status ?? 0;
      const canRetry = n < settings.maxRetries;
      const retryThrottled = status === 429 && canRetry;
      // 501 says the operation is not there: trying again cannot help.
      const retryUnavailable = ((status >= 500 && status !== 501) || (failure !== undefined && isTransient(failure))) && canRetry && IDEMPOTENT.has(req.method);
      const retryAuth = status === 401 && tokens.refreshable && !refreshed;
      options.onAttempt?.({
        operationId: req.operationId, method: req.method, pathTemplate: req.pathTemplate, status,
        durationMs: performance.now() - started, attempt: n + 1, retried: retryThrottled || retryUnavailable || retryAuth,
        ...(rateLimit ? { rateLimit } : {}),
      });
      if (failure !== undefined && !retryUnavailable) throw transportError(failure, req.operationId);
      if (result && status < 400) {
        return { status, body: result.body as T, headers: result.headers, ...(rateLimit ? { rateLimit } : {}) };
      }
      if (retryAuth) {
        refreshed = true;
        token = await tokens.token(req.callerToken, token);
        continue;
      }
      if (retryThrottled) {
        const wait = waitAfter429(result!.headers, Date.now(), settings.baseDelayMs * 2 ** n);
        if (wait > settings.maxWaitMs) throw errorFromResponse(req.operationId, 429, result!.body);
        await sleep(wait + Math.random() * 100, req.signal).catch((error: unknown) => { throw transportError(error, req.operationId); });
        continue;
      }
      if (retryUnavailable) {
        await sleep(settings.baseDelayMs * 2 ** n * (0.5 + Math.random()), req.signal).catch((error: unknown) => { throw transportError(error, req.operationId); });
        continue;
      }
      throw errorFromResponse(req.operationId, status, result!.body);
    }
  }

  async function probe(): Promise<{ ok: boolean; detail: string }> {
    try {
      if (options.auth.mode !== 'forward') await tokens.token(undefined);
      const response = await pool.request({ method: 'GET', path: `${settings.basePath}/`, headersTimeout: Math.min(settings.headersMs, 5_000) });
      await response.body.dump();
      return response.statusCode < 500 ? { ok: true, detail: 'upstream reachable' } : { ok: false, detail: `upstream answered ${response.statusCode}` };
    } catch (error) {
      return { ok: false, detail: error instanceof UpstreamError ? error.message : `upstream unreachable (${(error as { code?: string }).code ?? (error as Error).name})` };
    }
  }

  return {
    request: send,
    probe,
    rateLimit: () => latest,
    close: () => pool.close(),
  };
}

function validate(options: UpstreamOptions) {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new Error(`baseUrl must be an absolute URL such as https://tenant.auth0.com, got ${JSON.stringify(options.baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`baseUrl must be http(s), got ${url.protocol}`);
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got ${JSON.stringify(value)}`);
    return value;
  };
  const maxConcurrency = positive('maxConcurrency', options.maxConcurrency, DEFAULTS.maxConcurrency);
  if (maxConcurrency < 1) throw new Error('maxConcurrency must be at least 1');
  return {
    origin: url.origin,
    basePath: `${url.pathname.replace(/\/$/, '')}/api/v2`,
    connectMs: positive('timeouts.connectMs', options.timeouts?.connectMs, DEFAULTS.connectMs),
    headersMs: positive('timeouts.headersMs', options.timeouts?.headersMs, DEFAULTS.headersMs),
    bodyMs: positive('timeouts.bodyMs', options.timeouts?.bodyMs, DEFAULTS.bodyMs),
    maxRetries: positive('retry.maxRetries', options.retry?.maxRetries, DEFAULTS.maxRetries),
    maxWaitMs: positive('retry.maxWaitMs', options.retry?.maxWaitMs, DEFAULTS.maxWaitMs),
    baseDelayMs: positive('retry.baseDelayMs', options.retry?.baseDelayMs, DEFAULTS.baseDelayMs),
    maxConcurrency,
  };
}

const TRANSIENT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

function transportError(error: unknown, operationId: string): Error {
  if (error instanceof UpstreamError) return error;
  const code = (error as { code?: string }).code ?? (error as Error).name;
  if ((error as Error).name === 'TimeoutError') return new UpstreamError('The GraphQL request ran out of time before the Management API answered.', 'UPSTREAM_TIMEOUT', operationId);
  if ((error as Error).name === 'AbortError') return new UpstreamError('The request was cancelled.', 'UPSTREAM_UNAVAILABLE', operationId);
  const timedOut = typeof code === 'string' && code.includes('TIMEOUT');
  return new UpstreamError(
    timedOut ? `The Management API did not answer in time (${code}).` : `The Management API could not be reached (${code}).`,
    timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE', operationId,
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
