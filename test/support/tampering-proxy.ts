/**
 * A proxy in front of the emulator that rewrites the JSON bodies of chosen /api/v2 answers: an
 * upstream that drifts from its spec (new enum values, nulls inside lists, mistyped scalars)
 * while everything else about it (tokens, paging, statuses) stays the emulator's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Rewrites a 2xx JSON body; `path` is the request's path without its query. */
export type Tamper = (path: string, body: unknown) => unknown;

export interface TamperingProxy {
  url: string;
  setTamper(tamper: Tamper | undefined): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

export async function startTamperingProxy(target: string): Promise<TamperingProxy> {
  let tamper: Tamper | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers.set(name, value);
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body && req.method !== 'GET' ? { body } : {}) });
        let text = await answer.text();
        const path = (req.url ?? '/').split('?')[0]!;
        if (tamper && answer.ok && path.startsWith('/api/v2/') && (answer.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
          text = JSON.stringify(tamper(path, JSON.parse(text)));
        }
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => { if (!HOP_BY_HOP.has(name)) out[name] = value; });
        res.writeHead(answer.status, out);
        res.end(text);
      })().catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTamper: (next) => { tamper = next; },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
