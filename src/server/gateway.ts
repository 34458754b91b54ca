/**
 * Assembles a gateway: the executable schema (less what the operation policy turns off), the
 * upstream client (to a tenant, or to the embedded emulator), the shared runtime, metrics, and
 * the Yoga app.
 */
import type { Logger } from 'pino';
import type { GraphQLSchema } from 'graphql';
import { createExecutableSchema } from '../resolvers/executable-schema.js';
import { type DriftEvent, valuePreview } from '../resolvers/drift.js';
import { loadGenerated, loadSubgraphSdl } from '../schema/load.js';
import type { GeneratedMetadata } from '../schema/metadata.js';
import { servedSubgraphSdl } from '../resolvers/federation.js';
import { type CacheEvents, MemoryCacheStore } from '../cache/response-cache.js';
import { RedisCacheStore } from '../cache/redis-store.js';
import { RedisTenantRate } from '../shared/redis-tenant-rate.js';
import { RedisThrottle } from '../shared/redis-throttle.js';
import { LocalTenantRate } from '../upstream/tenant-rate.js';
import { RedisTokenStore } from '../shared/redis-token-store.js';
import { Gauge } from 'prom-client';
import { DEFAULT_LIMITS, Runtime, type RuntimeCache, type RuntimeLimits } from '../resolvers/runtime.js';
import { createUpstreamClient, type UpstreamClient, type UpstreamOptions } from '../upstream/index.js';
import { type AppOptions, createApp, type GatewayApp } from './app.js';
import { DEFAULTS, type GatewayConfig, type UserSettings } from './config.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { applyPolicy, disabledOperations, type OperationPolicy } from './schema-policy.js';

export interface GatewayOptions extends Omit<AppOptions, 'schema' | 'runtime' | 'metrics' | 'forwardCallerToken' | 'limits'> {
  upstream: UpstreamOptions;
  limits?: Partial<GatewayConfig['limits']>;
  policy?: OperationPolicy;
  logger?: Logger;
  /** Serve as an Apollo Federation v2 subgraph (`_service`, `_entities`). */
  federation?: boolean;
  /**
   * The cross-request cache of GET responses; off when absent or `ttlSeconds` is 0. With `redis`
   * (below), it lives in Redis, shared by every replica; otherwise in this process.
   */
  cache?: { ttlSeconds: number; maxEntries?: number };
  /** Requests per second to the tenant, all replicas together (shared through `redis` when set); no pacing when absent. */
  tenantRate?: number;
  /** Several replicas share state through this Redis: the cache, the client-credentials token, the 429 pause, the pace. */
  redis?: { url: string; keyPrefix: string };
  /** `users.defaultConnection` and `users.allowedConnections` (workflows.ts). */
  users?: UserSettings;
  /** The schema built beforehand by `buildGatewaySchema` (start-up builds it while the emulator starts). */
  built?: BuiltSchema;
}

/** The served schema and what it was built from; independent of the upstream. */
export interface BuiltSchema {
  metadata: GeneratedMetadata;
  disabled: ReadonlySet<string>;
  schema: GraphQLSchema;
}

export function buildGatewaySchema(options: Pick<GatewayOptions, 'policy' | 'federation' | 'introspection'>): BuiltSchema {
  const artifacts = loadGenerated();
  const disabled = disabledOperations(artifacts.metadata, options.policy ?? {});
  const schema = applyPolicy(createExecutableSchema(artifacts, options.federation ? federationOptions(artifacts.metadata, disabled, options.introspection !== false) : undefined), disabled);
  return { metadata: artifacts.metadata, disabled, schema };
}

export interface Gateway {
  app: GatewayApp;
  runtime: Runtime;
  upstream: UpstreamClient;
  metrics: GatewayMetrics;
  close(): Promise<void>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const metrics = createMetrics();
  const upstreamTimeoutMs = options.limits?.upstreamTimeoutMs ?? DEFAULTS.limits.upstreamTimeoutMs;
  const auth = options.upstream.auth;
  const origin = new URL(options.upstream.baseUrl).origin;
  const tokenStore = options.redis && auth.mode === 'client-credentials'
    ? new RedisTokenStore({ ...options.redis, origin, clientId: auth.clientId, audience: auth.audience ?? '' })
    : undefined;
  const throttle = options.redis ? new RedisThrottle({ ...options.redis, origin }) : undefined;
  const pace = options.tenantRate === undefined ? undefined
    : options.redis ? new RedisTenantRate({ ...options.redis, origin, perSecond: options.tenantRate }) : new LocalTenantRate(options.tenantRate);
  const upstream = createUpstreamClient({
    ...options.upstream,
    ...(tokenStore ? { sharedToken: tokenStore } : {}),
    ...(throttle ? { sharedThrottle: throttle } : {}),
    ...(pace ? { tenantRate: pace } : {}),
    ...(options.limits?.upstreamConcurrency ? { maxConcurrency: options.limits.upstreamConcurrency } : {}),
    // One hung call holds a slot for this long at most, not for the whole request's time.
    timeouts: { headersMs: upstreamTimeoutMs, bodyMs: upstreamTimeoutMs, ...options.upstream.timeouts },
    onAttempt: (event) => {
      if (event.outcomeUnknown) metrics.outcomeUnknown.inc({ operation: event.operationId });
      metrics.upstreamRequests.inc({ operation: event.operationId, status: String(event.status) });
      metrics.upstreamDuration.observe({ operation: event.operationId }, event.durationMs / 1000);
      if (event.rateLimit) metrics.rateLimitRemaining.set(event.rateLimit.remaining);
      options.upstream.onAttempt?.(event);
    },
  });
  const { metadata, disabled, schema } = options.built ?? buildGatewaySchema(options);
  const given = options.limits ?? {};
  const limits: RuntimeLimits = {
    ...DEFAULT_LIMITS,
    ...(given.maxConnectionItems ? { maxConnectionItems: given.maxConnectionItems } : {}),
    ...(given.maxUpstreamCalls ? { maxUpstreamCalls: given.maxUpstreamCalls } : {}),
    ...(given.requestConcurrency ? { requestConcurrency: given.requestConcurrency } : {}),
  };
  // A request's share cannot exceed the whole.
  const whole = given.upstreamConcurrency ?? options.upstream.maxConcurrency;
  if (whole !== undefined) limits.requestConcurrency = Math.min(limits.requestConcurrency, whole);
  const events = {
    hit: () => metrics.cache.inc({ event: 'hit' }),
    miss: () => metrics.cache.inc({ event: 'miss' }),
    evict: (count: number) => metrics.cache.inc({ event: 'evict' }, count),
  };
  // Forwarded tokens are judged by Auth0 call by call: no answer is shared between callers then.
  const cache = options.cache && options.cache.ttlSeconds > 0 && options.upstream.auth.mode !== 'forward'
    ? cacheOf(options.cache, options.redis, events)
    : undefined;
  if (cache?.healthy) {
    const healthy = cache.healthy;
    new Gauge({ name: 'gateway_cache_store_up', help: '1 while the shared cache store (Redis) answers; 0 while the gateway serves uncached.', registers: [metrics.registry], collect() { this.set(healthy() ? 1 : 0); } });
  }
  // Whether calls are being held for the tenant's reset (after a 429 or a budget seen empty, this
  // replica's or, shared, another's): the epoch second until which, 0 when none.
  new Gauge({ name: 'gateway_upstream_paused_until_seconds', help: 'Epoch seconds until which calls to the tenant are held for its rate-limit reset (0: not held).', registers: [metrics.registry], collect() { const until = upstream.pausedUntil(); this.set(until > Date.now() ? until / 1000 : 0); } });
  const runtime = new Runtime(metadata, schema, upstream, limits, disabled, (entity, size) => metrics.batchSize.observe({ entity }, size), cache, driftReporter(metrics, options.logger));
  if (options.users) runtime.users = options.users;
  const app = createApp({ ...options, runtime, metrics, forwardCallerToken: options.upstream.auth.mode === 'forward' });
  return { app, runtime, upstream, metrics, close: async () => { await cache?.close?.(); await tokenStore?.close(); await throttle?.close(); if (pace instanceof RedisTenantRate) await pace.close(); await upstream.close(); } };
}

/** The subgraph SDL and its served form; entities whose get-by-id operation is off are not resolvable. */
function federationOptions(metadata: GeneratedMetadata, disabled: ReadonlySet<string>, introspection: boolean) {
  const subgraphSdl = loadSubgraphSdl();
  const entityTypes = Object.entries(metadata.entities).filter(([, e]) => !disabled.has(e.getOperation)).map(([type]) => type).sort();
  return { subgraphSdl, servedSdl: introspection ? servedSubgraphSdl(subgraphSdl, metadata, disabled) : undefined, entityTypes };
}

/** The cache: in Redis when configured (shared by replicas), else in this process. */
function cacheOf(options: NonNullable<GatewayOptions['cache']>, redis: GatewayOptions['redis'], events: CacheEvents): RuntimeCache & { close?: () => Promise<void> } {
  const ttlMs = options.ttlSeconds * 1000;
  if (redis) {
    const store = new RedisCacheStore({ url: redis.url, keyPrefix: redis.keyPrefix, maxTtlMs: ttlMs });
    return { store, ttlMs, events, healthy: () => store.healthy(), close: () => store.close() };
  }
  return { store: new MemoryCacheStore(options.maxEntries, Date.now, events), ttlMs, events };
}

/**
 * Counts every drifted value, and logs each distinct drift once at warn level: the kind, the type
 * and field, and for an unknown enum value the value itself (an identifier such as a strategy
 * name). Other values are described by their JSON type only: they may be anything, a token too.
 */
function driftReporter(metrics: GatewayMetrics, logger: Logger | undefined, maxDistinct = 1000): (event: DriftEvent) => void {
  const seen = new Set<string>();
  return (event) => {
    metrics.drift.inc({ kind: event.kind, type: event.type, field: event.field });
    if (!logger || seen.size >= maxDistinct) return;
    const value = event.kind === 'unknown_enum' ? valuePreview(event.value) : undefined;
    const valueType = Array.isArray(event.value) ? 'array' : event.value === null ? 'null' : typeof event.value;
    const key = `${event.kind}|${event.type}.${event.field}|${value === undefined ? valueType : JSON.stringify(value)}`;
    if (seen.has(key)) return;
    seen.add(key);
    logger.warn({ drift: { kind: event.kind, coordinate: `${event.type}.${event.field}`, expected: event.expected, valueType, ...(value !== undefined ? { value } : {}) } },
      'The Management API sent a value the schema cannot hold as sent (see "When the API drifts" in README)');
  };
}
