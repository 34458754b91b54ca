/**
 * Reports each GraphQL request's upstream calls: in the response's `extensions.upstream`
 * (`{ calls, ms }`) when debug is on, and always into the Prometheus histogram of calls per
 * request.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../resolvers/context.js';
import type { GatewayMetrics } from './metrics.js';

export function useUpstreamStats(options: { debug: boolean; metrics?: GatewayMetrics }): Plugin<GatewayContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const stats = (args.contextValue as Partial<GatewayContext>).gateway?.stats;
          if (!stats) return;
          options.metrics?.callsPerRequest.observe(stats.calls);
          if (!options.debug || Symbol.asyncIterator in result) return;
          setResult({
            ...result,
            extensions: { ...result.extensions, upstream: { calls: stats.calls, ms: Math.round(stats.ms * 10) / 10 } },
          });
        },
      };
    },
  };
}
