/**
 * Operations endpoints beside /graphql: `/healthz` (the process answers: no I/O, so it answers at
 * once even when the upstream hangs) and `/readyz` (the gateway can serve: see readiness.ts).
 * `/metrics` is use-metrics-endpoint.ts, or its own listener (metrics-server.ts).
 */
import type { Plugin } from 'graphql-yoga';
import type { ReadinessReport } from './readiness.js';

export function useHealth(options: { readiness?: () => Promise<ReadinessReport> }): Plugin {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname === '/healthz') return endResponse(json(200, { status: 'ok' }));
      if (url.pathname === '/readyz') {
        if (!options.readiness) return endResponse(json(503, { status: 'unavailable', detail: 'no upstream configured' }));
        const report = await options.readiness();
        return endResponse(json(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'unavailable', detail: report.detail, checks: report.checks }));
      }
    },
  };
}
