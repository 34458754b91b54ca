/**
 * Operations endpoints beside /graphql: `/healthz` (the process answers), `/readyz` (the upstream
 * is reachable and a token can be had; checked at most every 2 s) and `/metrics` (Prometheus).
 */
import type { Plugin } from 'graphql-yoga';
import type { UpstreamClient } from '../upstream/index.js';
import type { GatewayMetrics } from './metrics.js';

export function useHealth(options: { upstream?: UpstreamClient; metrics?: GatewayMetrics }): Plugin {
  let last: { at: number; result: { ok: boolean; detail: string } } | undefined;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname === '/healthz') return endResponse(json(200, { status: 'ok' }));
      if (url.pathname === '/readyz') {
        if (!options.upstream) return endResponse(json(503, { status: 'unavailable', detail: 'no upstream configured' }));
        if (!last || Date.now() - last.at > 2_000 || !last.result.ok) last = { at: Date.now(), result: await options.upstream.probe() };
        return endResponse(json(last.result.ok ? 200 : 503, { status: last.result.ok ? 'ready' : 'unavailable', detail: last.result.detail }));
      }
      if (url.pathname === '/metrics' && options.metrics) {
        return endResponse(new Response(await options.metrics.registry.metrics(), { headers: { 'content-type': options.metrics.registry.contentType } }));
      }
    },
  };
}
