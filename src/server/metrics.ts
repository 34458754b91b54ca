/**
 * Prometheus metrics (prom-client), one registry per gateway so tests and several gateways in
 * one process do not share counters.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface GatewayMetrics {
  registry: Registry;
  upstreamRequests: Counter<'operation' | 'status'>;
  upstreamDuration: Histogram<'operation'>;
  rateLimitRemaining: Gauge;
  callsPerRequest: Histogram;
  requestDuration: Histogram<'status'>;
  errors: Counter<'code'>;
  batchSize: Histogram<'entity'>;
  outcomeUnknown: Counter<'operation'>;
  cache: Counter<'event'>;
  drift: Counter<'kind' | 'type' | 'field'>;
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  return {
    registry,
    upstreamRequests: new Counter({
      name: 'gateway_upstream_requests_total', help: 'Requests sent to the Management API, by operation and HTTP status (0: no response).',
      labelNames: ['operation', 'status'], registers: [registry],
    }),
    cache: new Counter({
      name: 'gateway_cache_events_total', help: 'Cross-request cache of GET responses: hit, miss, evict (expired, pushed out, or dropped by a write).',
      labelNames: ['event'], registers: [registry],
    }),
    // Labels come from the schema (kinds, type and field names), never from the values: bounded.
    drift: new Counter({
      name: 'gateway_upstream_drift_total',
      help: 'Values from the Management API the schema cannot hold as sent (unknown_enum, null_in_list, mistyped_scalar, coerced_scalar, mistyped_shape, missing_required), by parent type and field.',
      labelNames: ['kind', 'type', 'field'], registers: [registry],
    }),
    outcomeUnknown: new Counter({
      name: 'gateway_upstream_outcome_unknown_total', help: 'Writes sent to the Management API that got no answer (their effect is unknown), by operation.',
      labelNames: ['operation'], registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_request_duration_seconds', help: 'Duration of Management API requests.',
      labelNames: ['operation'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }),
    rateLimitRemaining: new Gauge({
      name: 'gateway_upstream_rate_limit_remaining', help: 'X-RateLimit-Remaining of the latest Management API response.', registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'gateway_http_request_duration_seconds', help: 'Duration of HTTP requests to the gateway, by status.',
      labelNames: ['status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_graphql_errors_total', help: 'GraphQL errors in responses, by extensions.code.', labelNames: ['code'], registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'gateway_loader_batch_size', help: 'Ids per entity loader batch.', labelNames: ['entity'], buckets: [1, 2, 5, 10, 20, 50, 100, 200], registers: [registry],
    }),
    callsPerRequest: new Histogram({
      name: 'gateway_upstream_calls_per_request', help: 'Management API calls made for one GraphQL request.',
      buckets: [0, 1, 2, 3, 5, 10, 20, 50, 100], registers: [registry],
    }),
  };
}
