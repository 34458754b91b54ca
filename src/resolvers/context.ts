/**
 * The per-request context: the shared runtime, this request's loaders (never shared between
 * callers: DESIGN 6), the caller's token when the upstream forwards it, and the request's
 * upstream call count and time (reported in the response extensions when debug is on).
 */
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { EntityLoader, type Fetch } from '../loaders/entity-loader.js';
import { createRequestLoader, type GetRequest, requestKey } from '../loaders/request-loader.js';
import type { OperationMetadata } from '../schema/metadata.js';
import { toGraphQLError, type UpstreamRequest } from '../upstream/index.js';
import type { Runtime } from './runtime.js';

export interface UpstreamStats {
  calls: number;
  ms: number;
}

export interface GatewayContext {
  runtime: Runtime;
  gateway: RequestScope;
}

export class RequestScope {
  readonly stats: UpstreamStats = { calls: 0, ms: 0 };
  private readonly gets: DataLoader<GetRequest, unknown, string> = createRequestLoader();
  private readonly loaders = new Map<string, EntityLoader>();

  /** `scopes`: what the caller may do ('all' when callers are not authenticated: the emulator demo). */
  constructor(
    readonly runtime: Runtime,
    readonly callerToken?: string,
    readonly scopes: Set<string> | 'all' = 'all',
    /** Ends this request's upstream calls when the caller goes away or the request times out. */
    readonly signal?: AbortSignal,
  ) {}

  /**
   * Auth0's own rule, applied before any call: the caller needs at least one of the scopes the
   * spec lists for the operation (FACTS A4), or the field is FORBIDDEN.
   */
  authorize(operation: OperationMetadata): void {
    if (this.runtime.disabled.has(operation.coordinate)) {
      throw new GraphQLError(`${operation.coordinate} is turned off on this gateway.`, { extensions: { code: 'FORBIDDEN', operationId: operation.operationId } });
    }
    if (this.scopes === 'all' || operation.scopes.length === 0) return;
    const scopes = this.scopes;
    if (operation.scopes.some((s) => scopes.has(s))) return;
    throw new GraphQLError(`Insufficient scope for ${operation.coordinate}: expected any of ${operation.scopes.join(', ')}.`, {
      extensions: { code: 'FORBIDDEN', operationId: operation.operationId, requiredScopes: operation.scopes },
    });
  }

  /** Loader of an entity type by its id, or by another unique key (`identifier`). */
  entity(type: string, key?: string): EntityLoader | undefined {
    const spec = key && key !== this.runtime.entities.get(type)?.key ? this.runtime.alternateKeys.get(type) : this.runtime.entities.get(type);
    if (!spec || (key && spec.key !== key)) return undefined;
    const id = `${type}:${spec.key}`;
    let loader = this.loaders.get(id);
    if (!loader) {
      const observe = this.runtime.observeBatch;
      loader = new EntityLoader(spec, this.fetch, observe ? (size) => observe(type, size) : undefined);
      this.loaders.set(id, loader);
    }
    return loader;
  }

  /** Runs one call; GETs are deduplicated within the request. Errors arrive as GraphQL errors. */
  readonly fetch: Fetch = (operation, params) => {
    const request = this.request(operation, params.path ?? {}, params.query ?? {});
    if (operation.method !== 'GET') return this.send(request);
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
    return this.gets.load({ key: requestKey(path, params.query), run: () => this.send(request) });
  };

  request(operation: OperationMetadata, path: Record<string, string>, query: Record<string, unknown>, extra: Partial<UpstreamRequest> = {}): UpstreamRequest {
    const explode: Record<string, { explode: boolean }> = {};
    for (const arg of Object.values(operation.args)) if (arg.explode === false) explode[arg.wire] = { explode: false };
    return {
      operationId: operation.operationId,
      method: operation.method,
      pathTemplate: operation.path,
      pathParams: path,
      query: query as UpstreamRequest['query'],
      ...(Object.keys(explode).length ? { queryStyle: explode } : {}),
      ...(this.callerToken ? { callerToken: this.callerToken } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
      ...extra,
    };
  }

  async send(request: UpstreamRequest): Promise<unknown> {
    const started = performance.now();
    this.stats.calls++;
    try {
      const response = await this.runtime.upstream.request(request);
      return response.body;
    } catch (error) {
      throw toGraphQLError(error);
    } finally {
      this.stats.ms += performance.now() - started;
    }
  }
}
