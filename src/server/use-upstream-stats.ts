/**
 * Reports each GraphQL request to Prometheus (duration, errors by code, upstream calls), and its
 * upstream calls in the response's `extensions.upstream` (`{ calls, ms, plans }`: plans are the
 * planner's choices for edges over many parents, with the calls each plan would take) when debug
 * is on.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../resolvers/context.js';
import type { GatewayMetrics } from './metrics.js';

export function useUpstreamStats(options: { debug: boolean; metrics?: GatewayMetrics }): Plugin<GatewayContext> {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const at = started.get(request);
      if (at !== undefined) options.metrics?.requestDuration.observe({ status: String(response.status) }, (performance.now() - at) / 1000);
    },
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          if (!(Symbol.asyncIterator in result)) {
            for (const error of result.errors ?? []) options.metrics?.errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
          const stats = (args.contextValue as Partial<GatewayContext>).gateway?.stats;
          if (!stats) return;
          options.metrics?.callsPerRequest.observe(stats.calls);
          if (!options.debug || Symbol.asyncIterator in result) return;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              upstream: { calls: stats.calls, ms: Math.round(stats.ms * 10) / 10, ...(stats.plans.length > 0 ? { plans: stats.plans } : {}) },
            },
          });
        },
      };
    },
  };
}
