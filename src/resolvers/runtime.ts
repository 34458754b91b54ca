/**
 * What every request shares: the metadata indexed for the resolvers, the schema's types, the
 * upstream client and the limits. Built once at start-up.
 */
import { type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import type { EdgeMetadata, GeneratedMetadata, OperationMetadata } from '../schema/metadata.js';
import type { EntitySpec } from '../loaders/entity-loader.js';
import type { InversePlan } from '../loaders/edge-planner.js';
import type { UpstreamClient } from '../upstream/index.js';
import type { CacheEvents, CacheStore } from '../cache/response-cache.js';
import type { DriftEvent } from './drift.js';

/** The cross-request cache, when on. */
export interface RuntimeCache {
  store: CacheStore;
  ttlMs: number;
  events?: CacheEvents;
  /** For a shared store: whether it answers now (reported by /readyz and /metrics). */
  healthy?: () => boolean;
}

export interface RuntimeLimits {
  /** `first` when a connection is asked without it. */
  defaultPageSize: number;
  /** Most items one connection field may return (several upstream pages at most this many items). */
  maxConnectionItems: number;
  /** Upstream attempts one GraphQL request may make, retries included. */
  maxUpstreamCalls: number;
  /** Upstream calls one GraphQL request may have in flight at once. */
  requestConcurrency: number;
}

export const DEFAULT_LIMITS: RuntimeLimits = { defaultPageSize: 50, maxConnectionItems: 1000, maxUpstreamCalls: 250, requestConcurrency: 8 };

export class Runtime {
  readonly operations: Map<string, OperationMetadata>;
  readonly edges: Map<string, EdgeMetadata>;
  /** Entity type → how to load it by its id. */
  readonly entities = new Map<string, EntitySpec>();
  /** Entity type → loader spec keyed by another unique key (resource servers by `identifier`). */
  readonly alternateKeys = new Map<string, EntitySpec>();
  /** Edges asked on many parents that have a cheaper inverse plan (edge-planner.ts), by coordinate. */
  readonly inversePlans = new Map<string, InversePlan>();
  /** `users.defaultConnection` / `users.allowedConnections` (workflows.ts); set by the gateway. */
  users: { defaultConnection?: string; allowedConnections?: string[] } = {};
  private readonly properties = new Map<string, Set<string>>();
  private readonly extraKeys = new Map<string, string[]>();
  private readonly views = new Map<string, boolean>();

  constructor(
    readonly metadata: GeneratedMetadata,
    readonly schema: GraphQLSchema,
    readonly upstream: UpstreamClient,
    readonly limits: RuntimeLimits = DEFAULT_LIMITS,
    /** Operations turned off by configuration (read-only mode, allow/deny lists). */
    readonly disabled: ReadonlySet<string> = new Set(),
    /** Told the size of every entity loader batch (for metrics). */
    readonly observeBatch?: (entity: string, size: number) => void,
    /** The cross-request cache of GET responses (off when absent). */
    readonly cache?: RuntimeCache,
    /** Told every value Auth0 sent that the schema cannot hold as sent (drift.ts; for metrics and the log). */
    readonly onDrift?: (event: DriftEvent) => void,
  ) {
    this.operations = new Map(Object.entries(metadata.operations));
    this.edges = new Map(metadata.edges.map((e) => [e.coordinate, e]));
    for (const [type, entity] of Object.entries(metadata.entities)) {
      const get = this.operations.get(entity.getOperation)!;
      const spec: EntitySpec = { type, key: entity.key, get };
      const list = [...this.operations.values()].find((o) => o.method === 'GET' && o.path === get.path.replace(/\/\{[^}]+\}$/, ''));
      if (type === 'User' && list && list.args.q) spec.batch = { kind: 'user-search', list };
      else if (list?.result === 'connection' && list.connection?.offset?.totals === 'include_totals') spec.batch = { kind: 'list-walk', list };
      this.entities.set(type, spec);
      const byIdentifiers = list && Object.values(list.args).find((a) => a.wire === 'identifiers');
      if (byIdentifiers) this.alternateKeys.set(type, { type, key: 'identifier', get, batch: { kind: 'identifiers', list, by: 'identifiers' } });
    }
    this.findInversePlans();
  }

  /**
   * An edge `A.bs` listing entities B has an inverse plan when B can be listed (a GET without
   * path parameters beside B's get-by-id) and B has an edge listing rows that are A, or a view of
   * A, carrying A's key (`Role.users` rows are users, with `user_id`).
   */
  private findInversePlans(): void {
    const nodeType = (op: OperationMetadata): string | undefined => {
      const connection = this.schema.getType(op.returns);
      const nodes = isObjectType(connection) ? connection.getFields().nodes : undefined;
      return nodes ? getNamedType(nodes.type).name : undefined;
    };
    for (const edge of this.metadata.edges) {
      const direct = this.operations.get(edge.operation);
      const parent = edge.coordinate.split('.')[0]!;
      const parentKey = this.metadata.entities[parent]?.key;
      if (edge.kind !== 'sub-resource' || direct?.result !== 'connection' || !direct.connection?.offset || !parentKey) continue;
      const other = nodeType(direct);
      const otherEntity = other ? this.metadata.entities[other] : undefined;
      const otherGet = otherEntity && this.operations.get(otherEntity.getOperation);
      if (!other || !otherEntity || !otherGet) continue;
      const listPath = otherGet.path.replace(/\/\{[^}]+\}$/, '');
      const list = [...this.operations.values()].find((o) => o.method === 'GET' && o.path === listPath && o.result === 'connection');
      if (!list) continue;
      for (const back of this.metadata.edges) {
        const inverse = this.operations.get(back.operation);
        if (back.kind !== 'sub-resource' || !back.coordinate.startsWith(`${other}.`) || inverse?.result !== 'connection') continue;
        const rows = nodeType(inverse);
        if (!rows || !(rows === parent || this.isViewOf(rows, parent)) || !this.propertyNames(rows).has(parentKey)) continue;
        if (Object.values(back.from)[0] !== otherEntity.key) continue;
        this.inversePlans.set(edge.coordinate, { coordinate: edge.coordinate, direct, list, inverse, otherType: other, otherKey: otherEntity.key, parentKey });
        break;
      }
    }
  }

  /** Upstream calls one lookup by id may cost at most: two where a batch may walk the list first. */
  callsPerLookup(type: string): number {
    return this.entities.get(type)?.batch?.kind === 'list-walk' ? 2 : 1;
  }

  /** Wire property names of an object type: its schema fields less edges, mapped to wire names. */
  propertyNames(typeName: string): Set<string> {
    let names = this.properties.get(typeName);
    if (!names) {
      const type = this.schema.getType(typeName);
      const renamed = this.metadata.fieldWireNames[typeName] ?? {};
      names = new Set(
        isObjectType(type)
          ? Object.keys(type.getFields()).filter((f) => !this.edges.has(`${typeName}.${f}`)).map((f) => renamed[f] ?? f)
          : [],
      );
      this.properties.set(typeName, names);
    }
    return names;
  }

  /**
   * Whether rows of `rowType` are a view of the entity `entityType`: every property of the row is
   * a field of the entity under the same wire name (an organization member is a user), so the
   * row's values are the entity's. A log's `description` is not its client's: a log is no view.
   */
  isViewOf(rowType: string, entityType: string): boolean {
    const id = `${rowType}>${entityType}`;
    let answer = this.views.get(id);
    if (answer === undefined) {
      const entity = this.schema.getType(entityType);
      const renamed = this.metadata.fieldWireNames[entityType] ?? {};
      const entityFields = new Set(isObjectType(entity) ? Object.keys(entity.getFields()).map((f) => renamed[f] ?? f) : []);
      const rowProperties = [...this.propertyNames(rowType)];
      answer = rowProperties.length > 0 && rowProperties.every((p) => entityFields.has(p));
      this.views.set(id, answer);
    }
    return answer;
  }

  /** Wire keys a type's results must always carry: the entity key and the keys its edges read. */
  requiredKeys(typeName: string): string[] {
    let keys = this.extraKeys.get(typeName);
    if (!keys) {
      const set = new Set<string>();
      const entity = this.metadata.entities[typeName];
      if (entity) set.add(entity.key);
      for (const edge of this.edges.values()) {
        if (edge.coordinate.startsWith(`${typeName}.`)) for (const wire of Object.values(edge.from)) set.add(wire);
      }
      keys = [...set];
      this.extraKeys.set(typeName, keys);
    }
    return keys;
  }
}
