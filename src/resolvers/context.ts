/**
 * The per-request context: the shared runtime, this request's loaders (never shared between
 * callers: DESIGN 6), the caller's token when the upstream forwards it, and the request's
 * upstream call count and time (reported in the response extensions when debug is on).
 */
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { EntityLoader, type Fetch } from '../loaders/entity-loader.js';
import { EdgePlanner, type PlanReport } from '../loaders/edge-planner.js';
import { InFlightLists } from '../loaders/in-flight-lists.js';
import { createRequestLoader, type GetRequest, requestKey } from '../loaders/request-loader.js';
import type { OperationMetadata } from '../schema/metadata.js';
import { cacheLifetime, responseTags, writeTags } from '../cache/response-cache.js';
import { buildPath, CallBudget, Semaphore, toGraphQLError, type UpstreamRequest, type UpstreamResponse } from '../upstream/index.js';
import { decideAccess } from '../scopes/access.js';
import type { Runtime, RuntimeCache } from './runtime.js';
import type { DriftWarning } from './drift.js';

/** What a call would touch, for the scope check: wire path parameters, body, and the fields read. */
export interface AccessFacts {
  path?: Record<string, string>;
  body?: unknown;
  /** Wire properties the caller reads from the result ('unknown' when that cannot be told). */
  reads?: () => string[] | 'unknown';
}

export interface UpstreamStats {
  calls: number;
  ms: number;
  /** The planner's choices for edges asked on many parents (edge-planner.ts). */
  plans: PlanReport[];
}

export interface GatewayContext {
  runtime: Runtime;
  gateway: RequestScope;
}

export interface RequestScopeOptions {
  /** The caller's bearer token, sent upstream when the gateway forwards callers' tokens. */
  callerToken?: string;
  /** What the caller may do ('all' when callers are not authenticated: the emulator demo). */
  scopes?: Set<string> | 'all';
  /** The caller's own user id (a JWT's `sub`), for the scopes that act on the own user only. */
  subject?: string;
  /** Ends this request's upstream calls when the caller goes away or the request times out. */
  signal?: AbortSignal;
}

export class RequestScope {
  readonly stats: UpstreamStats = { calls: 0, ms: 0, plans: [] };
  /** Values Auth0 sent that were served changed (a null left out of a list, a coerced scalar): `extensions.warnings`. */
  readonly warnings: DriftWarning[] = [];
  readonly callerToken: string | undefined;
  readonly scopes: Set<string> | 'all';
  readonly subject: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** This request's allowance of upstream attempts (retries included). */
  readonly budget: CallBudget;
  private readonly gets: DataLoader<GetRequest, unknown, string> = createRequestLoader();
  private readonly loaders = new Map<string, EntityLoader>();
  /** This request's list fetches on their way: entity batches wait for them (in-flight-lists.ts). */
  readonly lists = new InFlightLists();
  /** Chooses between the direct and the inverse plan for edges asked on many parents. */
  readonly planner = new EdgePlanner((operation, params) => this.fetch(operation, params), this.lists, (report) => this.stats.plans.push(report));
  /** This request's share of the upstream concurrency: one request cannot take every slot. */
  private readonly slots: Semaphore;

  constructor(readonly runtime: Runtime, options: RequestScopeOptions = {}) {
    this.callerToken = options.callerToken;
    this.scopes = options.scopes ?? 'all';
    this.subject = options.subject;
    this.signal = options.signal;
    this.budget = new CallBudget(runtime.limits.maxUpstreamCalls);
    this.slots = new Semaphore(runtime.limits.requestConcurrency);
  }

  /**
   * Auth0's own rule, applied before any call (DESIGN 9): the caller needs one of the scopes the
   * spec lists for the operation (FACTS A4), and a narrowing scope keeps its narrowing
   * (src/scopes/narrowing.ts): own user only, some body properties only, some fields only.
   * Otherwise the field is FORBIDDEN, no call is made for it, and its siblings still answer.
   */
  authorize(operation: OperationMetadata, facts: AccessFacts = {}): void {
    if (this.runtime.disabled.has(operation.coordinate)) {
      throw new GraphQLError(`${operation.coordinate} is turned off on this gateway.`, { extensions: { code: 'FORBIDDEN', operationId: operation.operationId } });
    }
    if (this.scopes === 'all') return;
    const decision = decideAccess(this.scopes, {
      operationId: operation.operationId, listed: operation.scopes, ownToken: this.callerToken !== undefined,
      ...(facts.path ? { path: facts.path } : {}), ...(facts.body !== undefined ? { body: facts.body } : {}),
      ...(facts.reads ? { reads: facts.reads } : {}), ...(this.subject ? { subject: this.subject } : {}),
    });
    if (decision.allowed) return;
    throw new GraphQLError(`Insufficient scope for ${operation.coordinate}: ${decision.message}.`, {
      extensions: { code: 'FORBIDDEN', operationId: operation.operationId, requiredScopes: operation.scopes },
    });
  }

  /** Whether the caller may use an operation in full, with no narrowing (batched lookups must not widen rights). */
  mayUseFully(operation: OperationMetadata): boolean {
    if (this.runtime.disabled.has(operation.coordinate)) return false;
    if (this.scopes === 'all') return true;
    const decision = decideAccess(this.scopes, { operationId: operation.operationId, listed: operation.scopes, ownToken: this.callerToken !== undefined, reads: 'unknown' });
    return decision.allowed && !decision.limited;
  }

  /** Loader of an entity type by its id, or by another unique key (`identifier`). */
  entity(type: string, key?: string): EntityLoader | undefined {
    const found = key && key !== this.runtime.entities.get(type)?.key ? this.runtime.alternateKeys.get(type) : this.runtime.entities.get(type);
    if (!found || (key && found.key !== key)) return undefined;
    // A batch goes through a list operation (users by id → one search): a caller who may not
    // use that list in full (read:current_user may read one user, not search them all) gets the
    // loads one by one, each checked on its own, so batching never widens what it may see.
    const { batch, ...single } = found;
    const spec = batch && this.mayUseFully(batch.list) ? found : single;
    const id = `${type}:${spec.key}`;
    let loader = this.loaders.get(id);
    if (!loader) {
      const observe = this.runtime.observeBatch;
      loader = new EntityLoader(spec, this.fetch, observe ? (size) => observe(type, size) : undefined, this.lists);
      this.loaders.set(id, loader);
    }
    return loader;
  }

  /** Runs one call; GETs are deduplicated within the request. Errors arrive as GraphQL errors. */
  readonly fetch: Fetch = (operation, params) => {
    const request = this.request(operation, params.path ?? {}, params.query ?? {});
    if (operation.method !== 'GET') return this.send(request);
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
    const key = requestKey(path, params.query);
    return this.gets.load({ key, run: () => this.cachedGet(key, path, request) });
  };

  /**
   * A GET through the cross-request cache (src/cache/): read only after the field was authorised
   * (every resolver authorises before it fetches). Not with forwarded tokens: Auth0 must judge
   * each caller's own token, which a shared answer would skip. The cache failing never fails the
   * call: it is then a miss.
   */
  private async cachedGet(key: string, path: string, request: UpstreamRequest): Promise<unknown> {
    const cache = this.runtime.cache;
    if (!cache || this.callerToken !== undefined) return (await this.sendFull(request)).body;
    const hit = await cache.store.get(key).catch(() => undefined);
    if (typeof hit === 'string') {
      cache.events?.hit();
      return JSON.parse(hit) as unknown;
    }
    cache.events?.miss();
    const response = await this.sendFull(request);
    const ttl = cacheLifetime(cache.ttlMs, response.headers, response.body);
    // Kept as text: every reader gets its own copy, which its loaders may enrich freely.
    if (ttl > 0) await cache.store.set(key, JSON.stringify(response.body), ttl, responseTags(path, response.body)).catch(() => undefined);
    return response.body;
  }

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
    return (await this.sendFull(request)).body;
  }

  private async invalidate(request: UpstreamRequest, cache: RuntimeCache): Promise<void> {
    try {
      const body = request.body?.kind === 'json' ? request.body.value : undefined;
      const dropped = await cache.store.invalidate(writeTags(buildPath(request.pathTemplate, request.pathParams ?? {}, request.operationId), body));
      if (dropped > 0) cache.events?.evict(dropped);
    } catch {
      // A path that cannot be built was never sent; a store that fails is a cache that is off.
    }
  }

  private async sendFull(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = performance.now();
    try {
      return await this.slots.run(() => this.runtime.upstream.request({ ...request, budget: this.budget }), this.signal);
    } catch (error) {
      throw toGraphQLError(error);
    } finally {
      this.stats.calls = this.budget.spent;
      this.stats.ms += performance.now() - started;
      // A write (answered, refused or of unknown outcome) drops what it may have changed, before
      // anyone reads again.
      if (request.method !== 'GET' && this.runtime.cache) await this.invalidate(request, this.runtime.cache);
    }
  }
}
