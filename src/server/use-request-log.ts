/**
 * One structured log line per HTTP request (pino): request id, method, path, status, duration.
 * Headers, bodies and variables are never logged, so no token, secret or key can reach a log.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Plugin } from 'graphql-yoga';

export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, { at: number; id: string }>();
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      started.set(request, { at: performance.now(), id: given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID() });
    },
    onResponse({ request, response }) {
      const entry = started.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      const url = new URL(request.url);
      logger.info({ reqId: entry.id, method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - entry.at) }, 'request');
    },
  };
}
