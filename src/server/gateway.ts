/**
 * Assembles a gateway: the executable schema, the upstream client (to a tenant, or to the
 * embedded emulator), the shared runtime, metrics and the Yoga app.
 */
import { createExecutableSchema } from '../schema/executable.js';
import { loadGenerated } from '../schema/load.js';
import { DEFAULT_LIMITS, Runtime, type RuntimeLimits } from '../resolvers/runtime.js';
import { createUpstreamClient, type UpstreamClient, type UpstreamOptions } from '../upstream/index.js';
import { createApp, type GatewayApp } from './app.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';

export interface GatewayOptions {
  upstream: UpstreamOptions;
  limits?: Partial<RuntimeLimits>;
  debug?: boolean;
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
  const upstream = createUpstreamClient({
    ...options.upstream,
    onAttempt: (event) => {
      metrics.upstreamRequests.inc({ operation: event.operationId, status: String(event.status) });
      metrics.upstreamDuration.observe({ operation: event.operationId }, event.durationMs / 1000);
      if (event.rateLimit) metrics.rateLimitRemaining.set(event.rateLimit.remaining);
      options.upstream.onAttempt?.(event);
    },
  });
  const artifacts = loadGenerated();
  const runtime = new Runtime(artifacts.metadata, createExecutableSchema(artifacts), upstream, { ...DEFAULT_LIMITS, ...options.limits });
  const app = createApp({ runtime, debug: options.debug ?? false, metrics, forwardCallerToken: options.upstream.auth.mode === 'forward' });
  return { app, runtime, upstream, metrics, close: () => upstream.close() };
}
