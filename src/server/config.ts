/**
 * Settings, from environment variables and an optional JSON file (`GATEWAY_CONFIG`), checked
 * once at start-up (ajv). Environment variables win over the file. Every setting and its default
 * is in the README's table; a bad value stops start-up with a message naming it.
 */
import { readFileSync } from 'node:fs';
import { compileConfigSchema } from './config-validator.js';
import { DOMAIN_PATTERN } from '../emulator/domain.js';

export interface ApiKeyConfig {
  /** A name for logs: never the key. */
  id: string;
  /** Hex SHA-256 of the key: keys are never stored in clear. */
  sha256: string;
  scopes: string[];
}

/** Callers' JWTs: verified against the JWKS with issuer and audience; `exp` required. */
export interface JwtConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Longest accepted `exp - iat` (or `exp - now` without `iat`): long-lived tokens are refused. */
  maxLifetimeSeconds: number;
  /** A JWKS fetch is abandoned after this; the caller then gets 503 AUTH_UNAVAILABLE. */
  jwksTimeoutMs: number;
}

/** `users.*` settings. */
export interface UserSettings {
  /** Connection name used by `createUser` and `importUsers` when the caller names none. */
  defaultConnection?: string;
  /** Connection names `createUser` and `importUsers` may use; any when absent. */
  allowedConnections?: string[];
}

export const JWT_DEFAULTS = { maxLifetimeSeconds: 86_400, jwksTimeoutMs: 2_000 } as const;

export interface GatewayConfig {
  port: number;
  emulatorPort: number;
  /** The embedded emulator's tenant domain (its audience becomes https://{domain}/api/v2/). */
  emulatorDomain?: string;
  upstream: {
    domain?: string;
    clientId?: string;
    clientSecret?: string;
    audience?: string;
    token?: string;
    forwardCallerToken: boolean;
  };
  auth: {
    jwt?: JwtConfig;
    apiKeys: ApiKeyConfig[];
  };
  readOnly: boolean;
  /** Serve as an Apollo Federation v2 subgraph (`_service`, `_entities`). */
  federation: boolean;
  /** Seconds a GET response is kept across requests (0: no cross-request cache). */
  cacheTtlSeconds: number;
  /** Requests per second to the tenant, all replicas together (no pacing when absent). */
  tenantRate?: number;
  /** Shared state for several replicas: the cache lives in this Redis (`redis://` or `rediss://` for TLS). */
  redis?: { url: string; keyPrefix: string };
  allowOperations?: string[];
  denyOperations?: string[];
  limits: {
    maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxBodyBytes: number; requestTimeoutMs: number; maxConnectionItems: number;
    /** Upstream attempts (retries included) one GraphQL request may make; past it, fields fail with UPSTREAM_BUDGET_EXCEEDED. */
    maxUpstreamCalls: number;
    /** Upstream calls in flight to the tenant at once, for all requests together (narrowed as the rate budget runs low). */
    upstreamConcurrency: number;
    /** Upstream calls one GraphQL request may have in flight at once (a share of the tenant's concurrency). */
    requestConcurrency: number;
    /** One upstream call's time to answer (headers, and each gap in the body). */
    upstreamTimeoutMs: number;
    /** Times one response name may be asked for in one selection (fragments merged in). */
    maxRepeatedFields: number;
  };
  introspection: boolean;
  /** GraphiQL for browsers on /graphql; off whenever introspection is off. */
  graphiql: boolean;
  /** Prometheus /metrics: off entirely, or with `port` on its own 127.0.0.1 listener instead of the main port. */
  metrics: { enabled: boolean; port?: number };
  /** A JSON file of `{ "<sha256 hash>": "<query>" }`; with `allowArbitrary: false` only those run. */
  persistedOperations?: { file: string; allowArbitrary: boolean };
  corsOrigins: string[];
  /** User-management workflows (issue 13): where `createUser` and `importUsers` put users without a connection, and which connections they may use. */
  users: UserSettings;
  debug: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export const DEFAULTS: GatewayConfig = {
  port: 4000,
  emulatorPort: 4001,
  upstream: { forwardCallerToken: false },
  auth: { apiKeys: [] },
  readOnly: false,
  federation: false,
  cacheTtlSeconds: 15,
  limits: {
    maxDepth: 10, maxAliases: 60, maxTokens: 3000, maxCost: 500, maxBodyBytes: 1_000_000, requestTimeoutMs: 30_000, maxConnectionItems: 1000,
    maxUpstreamCalls: 250, upstreamConcurrency: 16, requestConcurrency: 8, upstreamTimeoutMs: 10_000, maxRepeatedFields: 30,
  },
  introspection: true,
  graphiql: true,
  metrics: { enabled: true },
  corsOrigins: [],
  users: {},
  debug: false,
  logLevel: 'info',
};

const positive = { type: 'integer', minimum: 1 };
/** The settings' JSON Schema; also compiled ahead of time by the build (./config-validator.ts). */
export const SCHEMA = {
  type: 'object', additionalProperties: false,
  properties: {
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    emulatorPort: { type: 'integer', minimum: 0, maximum: 65535 },
    emulatorDomain: { type: 'string', pattern: DOMAIN_PATTERN.source },
    upstream: {
      type: 'object', additionalProperties: false,
      properties: {
        domain: { type: 'string', minLength: 1 }, clientId: { type: 'string' }, clientSecret: { type: 'string' },
        audience: { type: 'string' }, token: { type: 'string' }, forwardCallerToken: { type: 'boolean' },
      },
    },
    auth: {
      type: 'object', additionalProperties: false,
      properties: {
        jwt: {
          type: 'object', additionalProperties: false, required: ['jwksUrl', 'issuer', 'audience'],
          properties: {
            jwksUrl: { type: 'string', pattern: '^https?://' }, issuer: { type: 'string', minLength: 1 }, audience: { type: 'string', minLength: 1 },
            maxLifetimeSeconds: positive, jwksTimeoutMs: positive,
          },
        },
        apiKeys: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false, required: ['id', 'sha256', 'scopes'],
            properties: { id: { type: 'string', minLength: 1 }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, scopes: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
    readOnly: { type: 'boolean' },
    federation: { type: 'boolean' },
    cacheTtlSeconds: { type: 'integer', minimum: 0, maximum: 86_400 },
    tenantRate: { type: 'number', exclusiveMinimum: 0, maximum: 10_000 },
    redis: {
      type: 'object', additionalProperties: false, required: ['url'],
      properties: { url: { type: 'string', pattern: '^rediss?://' }, keyPrefix: { type: 'string', minLength: 1, maxLength: 100 } },
    },
    allowOperations: { type: 'array', items: { type: 'string' } },
    denyOperations: { type: 'array', items: { type: 'string' } },
    limits: {
      type: 'object', additionalProperties: false,
      properties: {
        maxDepth: positive, maxAliases: positive, maxTokens: positive, maxCost: positive, maxBodyBytes: positive, requestTimeoutMs: positive,
        maxConnectionItems: positive, maxUpstreamCalls: positive, upstreamConcurrency: positive, requestConcurrency: positive, upstreamTimeoutMs: positive, maxRepeatedFields: positive,
      },
    },
    introspection: { type: 'boolean' },
    graphiql: { type: 'boolean' },
    metrics: {
      type: 'object', additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, port: { type: 'integer', minimum: 0, maximum: 65535 } },
    },
    persistedOperations: {
      type: 'object', additionalProperties: false, required: ['file'],
      properties: { file: { type: 'string', minLength: 1 }, allowArbitrary: { type: 'boolean' } },
    },
    corsOrigins: { type: 'array', items: { type: 'string' } },
    users: {
      type: 'object', additionalProperties: false,
      properties: {
        defaultConnection: { type: 'string', minLength: 1, maxLength: 128 },
        allowedConnections: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 128 } },
      },
    },
    debug: { type: 'boolean' },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] },
  },
} as const;

const validate = compileConfigSchema(SCHEMA);

/** Reads the file (if any) and the environment, validates, and fills in defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  let file: Record<string, unknown> = {};
  if (env.GATEWAY_CONFIG) {
    try {
      file = JSON.parse(readFileSync(env.GATEWAY_CONFIG, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`GATEWAY_CONFIG ${env.GATEWAY_CONFIG}: ${(error as Error).message}`);
    }
  }
  const fromEnv = envOverrides(env);
  const fileAuth = (file.auth ?? {}) as { jwt?: object };
  // The JWT settings merge key by key, so GATEWAY_JWKS_TIMEOUT_MS can tune a file's auth.jwt.
  const jwt = fileAuth.jwt || fromEnv.jwt ? { ...fileAuth.jwt, ...fromEnv.jwt } : undefined;
  const merged = {
    ...file, ...fromEnv.top,
    upstream: { ...(file.upstream as object ?? {}), ...fromEnv.upstream },
    limits: { ...(file.limits as object ?? {}), ...fromEnv.limits },
    auth: { ...fileAuth, ...(jwt ? { jwt } : {}) },
    metrics: { ...(file.metrics as object ?? {}), ...fromEnv.metrics },
    users: { ...(file.users as object ?? {}), ...fromEnv.users },
    ...(file.redis || fromEnv.top.redis ? { redis: { ...(file.redis as object ?? {}), ...fromEnv.top.redis } } : {}),
  };
  if (jwt) requireVerifiableJwt(jwt as Partial<JwtConfig>);
  if (!validate(merged)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(config)'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const m = merged as Partial<GatewayConfig>;
  const config: GatewayConfig = {
    ...DEFAULTS, ...m,
    upstream: { ...DEFAULTS.upstream, ...m.upstream },
    auth: { ...DEFAULTS.auth, ...m.auth, ...(m.auth?.jwt ? { jwt: { ...JWT_DEFAULTS, ...m.auth.jwt } } : {}) },
    limits: { ...DEFAULTS.limits, ...m.limits },
    metrics: { ...DEFAULTS.metrics, ...m.metrics },
    users: { ...m.users },
    ...(m.redis ? { redis: { ...m.redis, keyPrefix: m.redis.keyPrefix ?? 'auth0-graphql:' } } : {}),
  };
  if (config.metrics.port !== undefined && config.metrics.port !== 0 && config.metrics.port === config.port) {
    throw new Error('Invalid configuration: GATEWAY_METRICS_PORT (metrics.port) must differ from PORT (port): metrics get a listener of their own');
  }
  const { defaultConnection, allowedConnections } = config.users;
  if (defaultConnection && allowedConnections && !allowedConnections.includes(defaultConnection)) {
    throw new Error(`Invalid configuration: GATEWAY_DEFAULT_CONNECTION (users.defaultConnection) ${JSON.stringify(defaultConnection)} is not in GATEWAY_ALLOWED_CONNECTIONS (users.allowedConnections): ${allowedConnections.join(', ')}`);
  }
  const u = config.upstream;
  if (u.domain && !u.token && !u.forwardCallerToken && (!u.clientId || !u.clientSecret)) {
    throw new Error('Invalid configuration: AUTH0_DOMAIN needs AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, AUTH0_TOKEN, or AUTH0_FORWARD_CALLER_TOKEN=true');
  }
  return config;
}

/**
 * A JWKS without an issuer and an audience verifies nothing useful (any token the key ever signed,
 * for any API, would pass), so it stops start-up rather than refusing every caller later.
 */
function requireVerifiableJwt(jwt: Partial<JwtConfig>): void {
  const missing = [
    ...(jwt.jwksUrl ? [] : ['GATEWAY_JWKS_URL (auth.jwt.jwksUrl)']),
    ...(typeof jwt.issuer === 'string' && jwt.issuer.trim() ? [] : ['GATEWAY_JWT_ISSUER (auth.jwt.issuer)']),
    ...(typeof jwt.audience === 'string' && jwt.audience.trim() ? [] : ['GATEWAY_JWT_AUDIENCE (auth.jwt.audience)']),
  ];
  if (missing.length > 0) throw new Error(`Invalid configuration: JWT callers need ${missing.join(' and ')}: without them no token can be verified`);
}

function envOverrides(env: NodeJS.ProcessEnv) {
  const number = (name: string, kind: 'an integer' | 'a number'): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (kind === 'an integer' ? !Number.isInteger(value) : !Number.isFinite(value)) throw new Error(`Invalid configuration: ${name} must be ${kind}, got ${JSON.stringify(raw)}`);
    return value;
  };
  const int = (name: string) => number(name, 'an integer');
  const num = (name: string) => number(name, 'a number');
  const bool = (name: string): boolean | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (raw !== 'true' && raw !== 'false') throw new Error(`Invalid configuration: ${name} must be true or false, got ${JSON.stringify(raw)}`);
    return raw === 'true';
  };
  const list = (name: string): string[] | undefined => env[name]?.split(',').map((s) => s.trim()).filter(Boolean);
  const nonEmpty = <T extends object>(o: T): T | undefined => (Object.keys(o).length > 0 ? o : undefined);
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    top: defined({
      port: int('PORT'), emulatorPort: int('EMULATOR_PORT'), emulatorDomain: env.EMULATOR_DOMAIN || undefined, readOnly: bool('GATEWAY_READ_ONLY'), federation: bool('GATEWAY_FEDERATION'), cacheTtlSeconds: int('GATEWAY_CACHE_TTL_SECONDS'), tenantRate: num('GATEWAY_TENANT_RATE'),
      redis: env.REDIS_URL ? { url: env.REDIS_URL, ...(env.GATEWAY_REDIS_PREFIX ? { keyPrefix: env.GATEWAY_REDIS_PREFIX } : {}) } : undefined, introspection: bool('GATEWAY_INTROSPECTION'),
      graphiql: bool('GATEWAY_GRAPHIQL'), debug: bool('GATEWAY_DEBUG'), logLevel: env.LOG_LEVEL, corsOrigins: list('GATEWAY_CORS_ORIGINS'),
      allowOperations: list('GATEWAY_ALLOW_OPERATIONS'), denyOperations: list('GATEWAY_DENY_OPERATIONS'),
      persistedOperations: env.GATEWAY_PERSISTED_OPERATIONS
        ? { file: env.GATEWAY_PERSISTED_OPERATIONS, allowArbitrary: bool('GATEWAY_ALLOW_ARBITRARY_OPERATIONS') ?? false }
        : undefined,
    }),
    upstream: defined({
      domain: env.AUTH0_DOMAIN, clientId: env.AUTH0_CLIENT_ID, clientSecret: env.AUTH0_CLIENT_SECRET, audience: env.AUTH0_AUDIENCE,
      token: env.AUTH0_TOKEN, forwardCallerToken: bool('AUTH0_FORWARD_CALLER_TOKEN'),
    }),
    limits: defined({
      maxDepth: int('GATEWAY_MAX_DEPTH'), maxAliases: int('GATEWAY_MAX_ALIASES'), maxTokens: int('GATEWAY_MAX_TOKENS'), maxCost: int('GATEWAY_MAX_COST'),
      maxBodyBytes: int('GATEWAY_MAX_BODY_BYTES'), requestTimeoutMs: int('GATEWAY_REQUEST_TIMEOUT_MS'), maxConnectionItems: int('GATEWAY_MAX_CONNECTION_ITEMS'),
      maxUpstreamCalls: int('GATEWAY_MAX_UPSTREAM_CALLS'), upstreamConcurrency: int('GATEWAY_UPSTREAM_CONCURRENCY'), requestConcurrency: int('GATEWAY_REQUEST_CONCURRENCY'), upstreamTimeoutMs: int('GATEWAY_UPSTREAM_TIMEOUT_MS'),
      maxRepeatedFields: int('GATEWAY_MAX_REPEATED_FIELDS'),
    }),
    metrics: defined({ enabled: bool('GATEWAY_METRICS'), port: int('GATEWAY_METRICS_PORT') }),
    users: defined({ defaultConnection: env.GATEWAY_DEFAULT_CONNECTION || undefined, allowedConnections: list('GATEWAY_ALLOWED_CONNECTIONS') }),
    jwt: nonEmpty(defined({
      jwksUrl: env.GATEWAY_JWKS_URL || undefined, issuer: env.GATEWAY_JWT_ISSUER, audience: env.GATEWAY_JWT_AUDIENCE,
      maxLifetimeSeconds: int('GATEWAY_JWT_MAX_LIFETIME_SECONDS'), jwksTimeoutMs: int('GATEWAY_JWKS_TIMEOUT_MS'),
    })),
  };
}
