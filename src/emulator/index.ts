/**
 * The embedded Auth0 Management API emulator (DESIGN 8): a stateful tenant on 127.0.0.1 with
 * Auth0's token endpoint, scopes, paging, errors and rate-limit headers. `npm start` runs the
 * gateway against it when no tenant is configured; tests and benchmarks drive it directly.
 */
import type { Server } from 'node:http';
import { DOMAIN_PATTERN } from './domain.js';
import { type Faults, validateFaults } from './faults.js';
import type { HandlerTable } from './handler.js';
import type { RateLimitOptions } from './rate-limit.js';
import { catalogueHandlers } from './resources/catalogue.js';
import { clientHandlers } from './resources/clients.js';
import { connectionHandlers } from './resources/connections.js';
import { connectionProvisioningHandlers } from './resources/connection-provisioning.js';
import { logAndJobHandlers } from './resources/logs-and-jobs.js';
import { organizationHandlers } from './resources/organizations.js';
import { roleHandlers } from './resources/roles.js';
import { userBlockHandlers } from './resources/user-blocks.js';
import { userHandlers } from './resources/users.js';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, seedTenant } from './seed.js';
import { type RequestRecord, type ServerState, createEmulatorServer, portOf, rateLimiter } from './server.js';
import { specIndex } from './spec-index.js';
import { demoUsers } from './auth-api.js';
import { TokenIssuer } from './tokens.js';

export { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from './seed.js';
export { DEMO_PASSWORD, DEMO_SIGN_IN_CLIENT_ID } from './auth-api.js';
export type { Faults } from './faults.js';
export type { RequestRecord } from './server.js';

/** Every operation the emulator models by hand; the rest are generic or 501 (COVERAGE.md). */
export const HANDLERS: HandlerTable = {
  ...userHandlers, ...roleHandlers, ...connectionHandlers, ...connectionProvisioningHandlers, ...organizationHandlers, ...clientHandlers, ...logAndJobHandlers, ...catalogueHandlers, ...userBlockHandlers,
};

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Token bucket; `false` turns it off. Default: 1,000 burst, 500/s, so normal use never meets it. */
  rateLimit?: RateLimitOptions | false;
  /** How long an import or export job stays pending (default 300 ms; 0 completes it on its first read). */
  jobDurationMs?: number;
  faults?: Faults;
  /**
   * The tenant's domain as clients name it (`acme.emulator.test`): the Management API's audience
   * becomes `https://{domain}/api/v2/`, what the official SDKs derive from a domain. Without it the
   * audience names the emulator's loopback origin.
   */
  domain?: string;
  /**
   * Called once the port is bound, before the tenant is seeded: whoever waits on the emulator may
   * go on with its address while the tenant is made. Requests that arrive meanwhile are answered
   * once it is ready.
   */
  onListening?: (at: { url: string; audience: string; issuer: string }) => void;
}


export interface EmulatorStats {
  total: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
}

export interface Emulator {
  url: string;
  audience: string;
  /** The `iss` of the tokens it issues; their keys are at `${url}/.well-known/jwks.json`. */
  issuer: string;
  /** Users who can sign in with the demo password (auth-api.ts). */
  demoUsers(): Array<{ userId: string; email: string }>;
  demoClient: { clientId: string; clientSecret: string };
  /** A token with these scopes; `subject` makes it a user's token (the own-user scopes act on that user). */
  issueToken(scopes: string[], options?: { expiresIn?: number; subject?: string }): Promise<string>;
  stats(): EmulatorStats;
  /** Requests to `POST /oauth/token` since start or the last `resetStats`. */
  tokenRequests(): number;
  requests(): RequestRecord[];
  resetStats(): void;
  reset(): void;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

const DEFAULT_SEED = 20_260_101;
const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 1000, refillPerSecond: 500 };

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`The emulator listens on loopback only, not ${host}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (options.domain !== undefined && !DOMAIN_PATTERN.test(options.domain)) throw new Error(`The emulator's domain must be a bare host name such as acme.emulator.test, got ${JSON.stringify(options.domain)}`);
  let server: Server | undefined;
  // Without a domain, the audience names the emulator's own origin, known only once it listens.
  // Requests wait for `ready`: the tenant is made after the port is bound (onListening).
  let markReady!: () => void;
  let failReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => { markReady = resolve; failReady = reject; });
  ready.catch(() => {});
  const state = { faults: { ...(options.faults ?? {}) }, log: [], handlers: HANDLERS, ready } as unknown as ServerState & { control: Record<string, (body: unknown) => unknown> };
  server = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server!.once('error', reject);
    server!.listen(options.port ?? 0, host, () => resolve());
  });
  const url = `http://${host === '::1' ? '[::1]' : host}:${portOf(server)}`;
  const origin = options.domain ? `https://${options.domain}` : url;
  const audience = `${origin}/api/v2/`;
  state.audience = audience;
  options.onListening?.({ url, audience, issuer: `${origin}/` });
  let allScopes: string[] = [];
  const seeded = () => {
    const tenant = seedTenant(seed, audience, allScopes);
    if (options.jobDurationMs !== undefined) tenant.jobDurationMs = options.jobDurationMs;
    return tenant;
  };
  try {
    allScopes = Object.keys((specIndex().doc.components as unknown as { securitySchemes: { oAuth2ClientCredentials: { flows: { clientCredentials: { scopes: Record<string, string> } } } } })
      .securitySchemes.oAuth2ClientCredentials.flows.clientCredentials.scopes);
    state.issuer = await TokenIssuer.create(`${origin}/`, audience);
    state.tenant = seeded();
    state.bucket = rateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
    markReady();
  } catch (error) {
    failReady(error);
    server.closeAllConnections();
    server.close();
    throw error;
  }

  const stats = (): EmulatorStats => {
    const out: EmulatorStats = { total: state.log.length, byOperation: {}, byStatus: {} };
    for (const r of state.log) {
      if (r.operationId) out.byOperation[r.operationId] = (out.byOperation[r.operationId] ?? 0) + 1;
      out.byStatus[String(r.status)] = (out.byStatus[String(r.status)] ?? 0) + 1;
    }
    return out;
  };
  const resetStats = () => {
    state.log.length = 0;
    state.tokenRequests = 0;
  };
  const reset = () => {
    state.tenant = seeded();
    state.faults = {};
    state.bucket?.reset();
    resetStats();
  };
  const setFaults = (faults: Faults) => { state.faults = validateFaults(faults); };
  state.control = {
    'GET stats': () => stats(),
    'GET requests': () => state.log,
    'POST stats/reset': () => resetStats(),
    'POST reset': () => reset(),
    'POST faults': (body) => setFaults(body as Faults),
  };

  return {
    url, audience, issuer: state.issuer.issuer,
    demoUsers: () => demoUsers(state.tenant),
    demoClient: { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    issueToken: (scopes, opts) => state.issuer.issue('emulator-test', scopes, opts?.expiresIn, opts?.subject),
    stats,
    tokenRequests: () => state.tokenRequests ?? 0,
    requests: () => [...state.log],
    resetStats, reset, setFaults,
    close: () => new Promise<void>((resolve) => {
      server!.closeAllConnections();
      server!.close(() => resolve());
    }),
  };
}
