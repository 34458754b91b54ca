/**
 * `/metrics` (Prometheus) on the gateway's own port. Left out when metrics are switched off or
 * served on their own loopback listener (metrics-server.ts): then the path is a plain 404.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from './metrics.js';

export function useMetricsEndpoint(metrics: GatewayMetrics): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== '/metrics') return;
      endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
