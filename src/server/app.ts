/**
 * The HTTP app: graphql-yoga serving the generated schema, as an ordered list of plugins. Order
 * matters: the request log wraps everything; health answers before authentication; size, CSRF,
 * armor and cost limits refuse bad requests before any resolver (so before any upstream call).
 */
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { createExecutableSchema } from '../resolvers/executable-schema.js';
import { type GatewayContext, RequestScope } from '../resolvers/context.js';
import type { Runtime } from '../resolvers/runtime.js';
import type { Authenticate } from './caller-auth.js';
import { DEFAULTS, type GatewayConfig } from './config.js';
import type { GatewayMetrics } from './metrics.js';
import { QueryCoster } from './query-cost.js';
import { useArmor } from './use-armor.js';
import { useCsrfPrevention } from './use-csrf-prevention.js';
import { useRepeatedFieldLimit } from './use-repeated-field-limit.js';
import { useCostLimit } from './use-cost-limit.js';
import { createReadiness, type ReadinessCheck, type ReadinessOptions } from './readiness.js';
import { deadline, useDeadlines } from './use-deadlines.js';
import { useGraphiQLPage } from './use-graphiql-page.js';
import { useHealth } from './use-health.js';
import { useMetricsEndpoint } from './use-metrics-endpoint.js';
import { useRequestLog } from './use-request-log.js';
import { useUpstreamStats } from './use-upstream-stats.js';
import { useDriftWarnings } from './use-drift-warnings.js';

export interface AppOptions {
  schema?: GraphQLSchema;
  runtime?: Runtime;
  /** Adds `extensions.upstream` ({ calls, ms }) to every response. */
  debug?: boolean;
  metrics?: GatewayMetrics;
  /** Forward the caller's bearer token to the Management API (the upstream's `forward` auth mode). */
  forwardCallerToken?: boolean;
  /** Who may call; without it every caller may do everything (the emulator demo only). */
  authenticate?: Authenticate;
  limits?: Partial<GatewayConfig['limits']>;
  introspection?: boolean;
  /** Serve GraphiQL to browsers on /graphql (default true; never when introspection is off). */
  graphiql?: boolean;
  /** Serve /metrics on this app (default true); false when metrics are off or on their own port. */
  metricsEndpoint?: boolean;
  /** Tuning of /readyz: hysteresis, cache window, probe timeout, clock. */
  readiness?: ReadinessOptions;
  corsOrigins?: string[];
  logger?: Logger;
  /** Known operations by hash; unless `allowArbitrary`, nothing else runs. */
  persistedOperations?: { operations: Record<string, string>; allowArbitrary: boolean };
}

export type GatewayApp = YogaServerInstance<Record<string, unknown>, GatewayContext>;

export function createApp(options: AppOptions = {}): GatewayApp {
  const schema = options.runtime?.schema ?? options.schema ?? createExecutableSchema();
  const limits = { ...DEFAULTS.limits, ...options.limits };
  const plugins: Array<Plugin<GatewayContext> | Plugin> = [];
  const deadlines = new WeakMap<Request, () => void>();
  plugins.push(useDeadlines(deadlines));
  if (options.logger) plugins.push(useRequestLog(options.logger));
  // GraphiQL is useless without introspection, so turning introspection off turns it off too.
  if (options.introspection !== false && options.graphiql !== false) plugins.push(useGraphiQLPage());
  plugins.push(useHealth(options.runtime ? { readiness: createReadiness(readinessChecks(options.runtime, options.authenticate), options.readiness) } : {}));
  if (options.metrics && options.metricsEndpoint !== false) plugins.push(useMetricsEndpoint(options.metrics));
  plugins.push(
    useBodyLimit(limits.maxBodyBytes),
    useCsrfPrevention(),
    useArmor({ ...limits, maxDirectives: 50 }, { blockFieldSuggestion: options.introspection === false }),
    // Before graphql-js validation, whose overlapping-fields rule is quadratic in repeats.
    useRepeatedFieldLimit(limits.maxRepeatedFields),
    useUpstreamStats({ debug: options.debug ?? false, ...(options.metrics ? { metrics: options.metrics } : {}) }),
    useDriftWarnings(),
  );
  if (options.runtime) {
    const { runtime } = options;
    const coster = new QueryCoster(runtime.schema, runtime.metadata, { defaultFirst: runtime.limits.defaultPageSize, maxFirst: runtime.limits.maxConnectionItems, views: runtime, plannedEdges: new Set(runtime.inversePlans.keys()), callsPerLookup: (type) => runtime.callsPerLookup(type) });
    plugins.push(useCostLimit({ maxCost: limits.maxCost, coster }));
  }
  if (options.introspection === false) plugins.push(useDisableIntrospection() as Plugin);
  if (options.persistedOperations) {
    const { operations, allowArbitrary } = options.persistedOperations;
    plugins.push(usePersistedOperations({
      getPersistedOperation: (hash) => operations[hash] ?? null,
      allowArbitraryOperations: allowArbitrary,
      customErrors: {
        persistedQueryOnly: { message: 'Only persisted operations run on this gateway: send extensions.persistedQuery.sha256Hash of a known operation.', extensions: { code: 'PERSISTED_QUERY_ONLY' } },
        notFound: { message: 'Unknown persisted operation.', extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } },
      },
    }) as Plugin);
  }

  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Unexpected errors are masked even when NODE_ENV=development: upstream details stay out.
    maskedErrors: { isDev: false },
    // GraphiQL is served by useGraphiQLPage, which loads its 9 MB bundle on the first visit only.
    graphiql: false,
    cors: options.corsOrigins && options.corsOrigins.length > 0 ? { origin: options.corsOrigins, credentials: true } : false,
    logging: options.logger ? yogaLogging(options.logger) : false,
    plugins: plugins as Array<Plugin<GatewayContext>>,
    context: async ({ request }) => {
      if (!options.runtime) return {} as GatewayContext;
      const caller = options.authenticate ? await options.authenticate(request) : undefined;
      const bearer = options.forwardCallerToken
        ? caller?.token ?? /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
        : undefined;
      const rights = caller && caller.kind !== 'open' ? caller : bearer ? forwardedRights(bearer) : undefined;
      const requestDeadline = deadline(request.signal, limits.requestTimeoutMs);
      deadlines.set(request, requestDeadline.end);
      const gateway = new RequestScope(options.runtime, {
        ...(bearer ? { callerToken: bearer } : {}), scopes: rights?.scopes ?? 'all', ...(rights?.subject ? { subject: rights.subject } : {}),
        signal: requestDeadline.signal,
      });
      return { runtime: options.runtime, gateway };
    },
  });
}

/** The gateway can serve when the upstream answers with a token, and the JWKS answers if JWTs are used. */
function readinessChecks(runtime: Runtime, authenticate: Authenticate | undefined): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [{ name: 'upstream', probe: () => runtime.upstream.probe() }];
  if (authenticate?.ready) checks.push({ name: 'jwks', probe: authenticate.ready });
  const healthy = runtime.cache?.healthy;
  if (healthy) {
    checks.push({
      name: 'cache', advisory: true,
      probe: async () => (healthy() ? { ok: true, detail: 'shared cache reachable' } : { ok: false, detail: 'shared cache unreachable: serving uncached' }),
    });
  }
  return checks;
}

/**
 * The scopes and subject a forwarded token claims, read without verifying it: the Management API
 * verifies it on every call. They are used only to refuse, never to grant: the gateway then does
 * not batch lookups into a search the token may not run (read:current_user reads one user, not
 * all), and refuses early what Auth0 would refuse.
 */
function forwardedRights(token: string): { scopes: Set<string>; subject?: string } | undefined {
  try {
    const claims = decodeJwt(token);
    const scopes = new Set([...String(claims.scope ?? '').split(' ').filter(Boolean), ...(Array.isArray(claims.permissions) ? claims.permissions.map(String) : [])]);
    return { scopes, ...(typeof claims.sub === 'string' ? { subject: claims.sub } : {}) };
  } catch {
    return undefined;
  }
}

/** Refuses bodies over the limit from their declared length, before they are read. */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) {
        endResponse(new Response(JSON.stringify({ errors: [{ message: `Request body of ${length} bytes exceeds the limit of ${maxBytes}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }), {
          status: 413, headers: { 'content-type': 'application/json' },
        }));
      }
    },
  };
}

function yogaLogging(logger: Logger) {
  return {
    debug: (...args: unknown[]) => logger.debug({ yoga: args.map(String) }),
    info: (...args: unknown[]) => logger.info({ yoga: args.map(String) }),
    warn: (...args: unknown[]) => logger.warn({ yoga: args.map(String) }),
    error: (...args: unknown[]) => logger.error({ yoga: args.map((a) => (a instanceof GraphQLError || a instanceof Error ? a.message : String(a))) }),
  };
}
