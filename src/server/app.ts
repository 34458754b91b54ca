/**
 * The HTTP app: graphql-yoga serving the generated schema, with GraphiQL. Each request gets its
 * own scope (loaders, call counts) over the shared runtime; without a runtime (no tenant and no
 * emulator) every field answers a clear UPSTREAM_UNAVAILABLE error.
 */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import { createExecutableSchema } from '../schema/executable.js';
import { type GatewayContext, RequestScope } from '../resolvers/context.js';
import type { Runtime } from '../resolvers/runtime.js';
import type { GatewayMetrics } from './metrics.js';
import { useUpstreamStats } from './use-upstream-stats.js';

export interface AppOptions {
  schema?: GraphQLSchema;
  runtime?: Runtime;
  /** Adds `extensions.upstream` ({ calls, ms }) to every response. */
  debug?: boolean;
  metrics?: GatewayMetrics;
  /** Forward the caller's bearer token to the Management API (the upstream's `forward` auth mode). */
  forwardCallerToken?: boolean;
}

export type GatewayApp = YogaServerInstance<Record<string, unknown>, GatewayContext>;

export function createApp(options: AppOptions = {}): GatewayApp {
  const schema = options.runtime?.schema ?? options.schema ?? createExecutableSchema();
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Auth0 Management API — GraphQL' },
    context: ({ request }) => {
      if (!options.runtime) return {} as GatewayContext;
      const bearer = options.forwardCallerToken ? /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] : undefined;
      return { runtime: options.runtime, gateway: new RequestScope(options.runtime, bearer) };
    },
    plugins: [useUpstreamStats({ debug: options.debug ?? false, ...(options.metrics ? { metrics: options.metrics } : {}) })],
  });
}
