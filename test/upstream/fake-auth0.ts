/**
 * A scripted Auth0 on 127.0.0.1 (ephemeral port) that records exactly what it received, for the
 * upstream client's tests. Each test file starts its own and closes it after each test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Date.now() when the request's body had arrived. */
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void;

export interface FakeAuth0 {
  url: string;
  seen: Seen[];
  /** Requests other than the token endpoint's. */
  api(): Seen[];
  tokenRequests(): Seen[];
  close(): Promise<void>;
}

const open: Array<{ close(): Promise<void> }> = [];

/** Closes what `track` was given, newest first (clients before the servers they talk to). */
export async function closeAll(): Promise<void> {
  while (open.length > 0) await open.pop()!.close();
}

export function track<T extends { close(): Promise<void> }>(thing: T): T {
  open.push(thing);
  return thing;
}

export async function startFakeAuth0(handler: Handler): Promise<FakeAuth0> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('latin1'), at: Date.now() });
      handler(req, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return track({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    api: () => seen.filter((s) => s.url !== '/oauth/token'),
    tokenRequests: () => seen.filter((s) => s.url === '/oauth/token'),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Auth0's error body (FACTS A5). */
export function auth0Error(res: ServerResponse, status: number, error: string, message: string, errorCode?: string, headers: Record<string, string> = {}): void {
  json(res, status, { statusCode: status, error, message, ...(errorCode ? { errorCode } : {}) }, headers);
}

export function rateLimitHeaders(remaining: number, resetInSeconds: number): Record<string, string> {
  return { 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds) };
}

/** What a rejected promise rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
