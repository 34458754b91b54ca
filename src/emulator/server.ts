/**
 * The emulator's HTTP server: `POST /oauth/token`, `/api/v2/*` (rate limit → faults → token →
 * scopes → body validation → handler), and the loopback-only control surface `/_emulator/*`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorError, badRequest } from './errors.js';
import type { Faults } from './faults.js';
import { serveGeneric } from './generic.js';
import type { EmuFile, HandlerTable } from './handler.js';
import { TokenBucket, type RateLimitOptions } from './rate-limit.js';
import { specIndex } from './spec-index.js';
import { type Operation, successResponses } from '../schema/spec.js';
import type { Tenant } from './tenant.js';
import type { TokenIssuer } from './tokens.js';
import { describeErrors, validatorFor } from './validation.js';
import { checkObservedRules, observedNotFound, withObservedDefaults } from './observed.js';
import { decideAccess } from '../scopes/access.js';
import { openidConfiguration, userGrant } from './auth-api.js';

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  operationId?: string;
  /** Epoch ms at which the request arrived. */
  at: number;
  /** Epoch ms of the X-RateLimit-Reset its answer named, when it named one. */
  rateLimitReset?: number;
}

export interface ServerState {
  tenant: Tenant;
  issuer: TokenIssuer;
  handlers: HandlerTable;
  faults: Faults;
  bucket?: TokenBucket;
  log: RequestRecord[];
  audience: string;
  /** Token requests answered (any outcome). */
  tokenRequests?: number;
  /** Refresh tokens issued to demo users (auth-api.ts). */
  refreshTokens?: Map<string, { clientId: string; sub: string; scope: string[] }>;
  /** Settles once the tenant is made: the port is bound before (EmulatorOptions.onListening). */
  ready: Promise<void>;
}

const MAX_BODY = 1_000_000;
const MAX_IMPORT = 512_000;

export function createEmulatorServer(state: ServerState): Server {
  return createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      const e = error instanceof EmulatorError ? error : new EmulatorError(500, 'Internal error in the emulator', 'internal_error');
      if (!(error instanceof EmulatorError)) console.error(error);
      send(res, e.statusCode, e.body());
    });
  });
}

export function rateLimiter(options: RateLimitOptions | false): TokenBucket | undefined {
  return options ? new TokenBucket(options) : undefined;
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await state.ready;
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname.startsWith('/_emulator/')) return control(state, req, res, url);
  if (url.pathname === '/oauth/token' || url.pathname === '/oauth/token/') return token(state, req, res);
  if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') return send(res, 200, await state.issuer.jwks());
  if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
    return send(res, 200, openidConfiguration(state.issuer.issuer, `http://${req.headers.host ?? 'emulator'}`));
  }
  if (!url.pathname.startsWith('/api/v2/')) return send(res, 404, new EmulatorError(404, 'Not Found').body());

  const path = url.pathname.slice('/api/v2'.length);
  const matched = specIndex().match(req.method ?? 'GET', path);
  const record: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, query: url.search, status: 0, at: Date.now(), ...(matched ? { operationId: matched.route.operationId } : {}) };
  state.log.push(record);
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    record.status = status;
    const reset = Number(headers['x-ratelimit-reset']);
    if (headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset)) record.rateLimitReset = reset * 1000;
    send(res, status, body, headers);
  };

  // The body arrives with the request, before any delay: a late answer is still an executed one.
  const received = readBody(req, matched?.route.operationId === 'post_users-imports' ? MAX_IMPORT : MAX_BODY);
  received.catch(() => undefined);
  // A 429 is decided before anything runs: the request changes nothing (FACTS A1).
  const limit = state.bucket?.take();
  const headers = limit?.headers ?? {};
  const faults = !state.faults.operationId || state.faults.operationId === matched?.route.operationId ? state.faults : {};
  if (faults.latencyMs || faults.jitterMs) await sleep((faults.latencyMs ?? 0) + Math.random() * (faults.jitterMs ?? 0));
  if (faults.resetConnections) {
    faults.resetConnections--;
    record.status = -1;
    req.socket.destroy();
    return;
  }
  if (faults.hang) {
    faults.hang--;
    record.status = -2;
    return;
  }
  if (faults.rateLimitBurst || (limit && !limit.allowed)) {
    const injected = Boolean(faults.rateLimitBurst);
    if (faults.rateLimitBurst) faults.rateLimitBurst--;
    const reset = injected && faults.rateLimitResetSeconds ? String(Math.ceil(Date.now() / 1000) + faults.rateLimitResetSeconds)
      : headers['x-ratelimit-reset'] ?? String(Math.ceil(Date.now() / 1000) + 1);
    return reply(429, new EmulatorError(429, 'Global limit has been reached', 'too_many_requests').body(), { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-limit': headers['x-ratelimit-limit'] ?? '50' });
  }
  if (faults.errorRate && Math.random() < faults.errorRate) return reply(500, new EmulatorError(500, 'Internal Server Error (injected)', 'internal_error').body(), headers);

  try {
    if (!matched) throw new EmulatorError(404, 'Not Found');
    const { route, params } = matched;
    const claims = await state.issuer.verify(req.headers.authorization);
    if (route.scopes.length > 0 && !route.scopes.some((s) => claims.scopes.has(s))) {
      throw new EmulatorError(403, `Insufficient scope, expected any of: ${route.scopes.join(',')}`, 'insufficient_scope');
    }
    const { body, files } = await received;
    // Auth0's narrowing scopes (the same table the gateway enforces): own user only, some body
    // properties only; reads limited to some properties are filtered below.
    const access = decideAccess(claims.scopes, { operationId: route.operationId, listed: route.scopes, path: params, body, subject: claims.sub, ownToken: true });
    if (!access.allowed) {
      const notSelf = /own user/.test(access.message);
      throw new EmulatorError(403, notSelf ? 'User to be acted on does not match subject in bearer token.' : `Insufficient scope: ${access.message}`, notSelf ? 'operation_not_supported' : 'insufficient_scope');
    }
    const schema = route.op.requestBody?.content['application/json']?.schema ?? route.op.requestBody?.content['multipart/form-data']?.schema;
    if (schema && route.op.requestBody?.content['application/json']) {
      const validate = await validatorFor(route.operationId, schema);
      if (!validate(body ?? {})) throw badRequest(describeErrors(validate));
    }
    checkObservedRules(route, body);
    const handler = state.handlers[route.operationId];
    const ctx = { tenant: state.tenant, route, params, query: url.searchParams, body: (body ?? {}) as Record<string, unknown>, files };
    let result: { status: number; body?: unknown };
    try {
      result = handler ? handler(ctx) : serveGeneric(ctx);
    } catch (error) {
      // Per operation, Auth0 answers a missing resource its own way (spec/overlays: x-auth0-not-found, x-auth0-delete-missing).
      if (!(error instanceof EmulatorError)) throw error;
      const observed = observedNotFound(route, error);
      if (observed instanceof EmulatorError) throw observed;
      result = observed;
    }
    const answer = result.status < 300 ? withObservedDefaults(route, url.searchParams, result.body) : result.body;
    reply(declaredStatus(route.op, result.status), access.limited ? readable(answer, access.canRead) : answer, headers);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    reply(error.statusCode, error.body(), headers);
  }
}

/** A response cut down to the properties a narrowed token may read (items of lists and pages too). */
function readable(body: unknown, canRead: (field: string) => boolean): unknown {
  const cut = (item: unknown) => (item && typeof item === 'object' && !Array.isArray(item)
    ? Object.fromEntries(Object.entries(item).filter(([key]) => canRead(key))) : item);
  if (Array.isArray(body)) return body.map(cut);
  if (!body || typeof body !== 'object') return body;
  // A page object (`{ start, limit, total, clients }` or `{ next, clients }`) holds its items under one key.
  const entries = Object.entries(body);
  const isPage = entries.every(([key, value]) => ['start', 'limit', 'length', 'total', 'next'].includes(key) || Array.isArray(value));
  return isPage ? Object.fromEntries(entries.map(([key, value]) => [key, Array.isArray(value) ? value.map(cut) : value])) : cut(body);
}

async function readBody(req: IncomingMessage, max: number): Promise<{ body: unknown; files: Map<string, EmuFile> }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new EmulatorError(413, `Payload too large: the limit is ${max} bytes.`, 'payload_too_large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const files = new Map<string, EmuFile>();
  if (raw.length === 0) return { body: undefined, files };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')), files };
    } catch {
      throw badRequest('Invalid request payload JSON format', 'invalid_json');
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else files.set(name, { name: value.name, type: value.type, content: Buffer.from(await value.arrayBuffer()) });
    }
    return { body: fields, files };
  }
  throw badRequest(`Unsupported content type ${type}`, 'invalid_content_type');
}

async function token(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 404, new EmulatorError(404, 'Not Found').body());
  state.tokenRequests = (state.tokenRequests ?? 0) + 1;
  const { body } = await readBody(req, 10_000).catch(() => ({ body: undefined }));
  const params = (body ?? {}) as Record<string, string>;
  const deny = (status: number, error: string, description: string) => send(res, status, { error, error_description: description });
  const user = await userGrant(state, params);
  if (user) return send(res, user.status, user.body);
  if (params.grant_type !== 'client_credentials') return deny(403, 'unsupported_grant_type', 'Grant type not allowed: client_credentials, password, password-realm and refresh_token are emulated.');
  const client = state.tenant.clients.get(params.client_id ?? '');
  if (!client || client.client_secret !== params.client_secret) return deny(401, 'access_denied', 'Unauthorized');
  const audience = params.audience ?? state.audience;
  if (audience !== state.audience) return deny(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  const grant = [...state.tenant.clientGrants.values()].find((g) => g.client_id === client.client_id && g.audience === audience);
  if (!grant) return deny(403, 'access_denied', `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`);
  const scopes = grant.scope as string[];
  const expiresIn = 86_400;
  send(res, 200, { access_token: await state.issuer.issue(String(client.client_id), scopes, expiresIn), token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') });
}

/** A success answers with the status the spec declares for the operation (201 vs 200 vs 204 …). */
function declaredStatus(op: Operation, status: number): number {
  if (status < 200 || status >= 300) return status;
  const declared = successResponses(op).map((r) => Number(r.status));
  return declared.includes(status) || declared.length === 0 ? status : declared[0]!;
}

function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function control(state: ServerState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!isLoopback(req)) return send(res, 403, { error: 'The control surface answers loopback peers only.' });
  const handlers = (state as ServerState & { control?: Record<string, (body: unknown) => unknown> }).control ?? {};
  const key = `${req.method} ${url.pathname.slice('/_emulator/'.length)}`;
  const action = handlers[key];
  if (!action) return send(res, 404, { error: `Unknown control ${key}`, available: Object.keys(handlers) });
  const { body } = await readBody(req, 100_000);
  try {
    send(res, 200, action(body) ?? { ok: true });
  } catch (error) {
    send(res, 400, { error: (error as Error).message });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined || status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
