/**
 * The cost of a query: an upper bound on the upstream calls its execution can make (DESIGN 9),
 * computed before any call, in time linear in the size of the document.
 *
 * What costs:
 * - a root field or an edge that runs an operation: 1 call per parent object, or for a
 *   connection the pages its window can need (`ceil(first / page size)`, one more when it starts
 *   after a cursor, 1 for `first: 0`, since `totalCount` alone costs a call), one more per parent
 *   for an edge the planner may answer by its inverse plan (it probes before it chooses);
 * - an entity companion (`ClientGrant.client`): 1 call per parent at most (batching and the
 *   request's dedupe only ever lower it), 2 where a batch may walk the entity's list first
 *   (clients), none when the parent row is a view of the entity and carries what is selected
 *   (`member.user { email }`); a federation `_entities` field: 1 per representation;
 * - below a connection, what `nodes`/`edges` select costs `first` times over; below a plain list
 *   of objects (no paging, so no stated length) it costs `LIST_BOUND` times over.
 * Arguments are read as execution reads them: variables coerced with their defaults, field
 * argument defaults applied. Every fragment is costed once (memoised), so fan-out through named
 * fragments is counted in full without walking it again, and cycles are refused.
 *
 * One gap is stated rather than hidden: users looked up by id in a batch go through one search
 * per 50 ids; an id the (eventually consistent) search does not return costs one more call. That
 * extra call is not foreseen here; the run-time budget (`maxUpstreamCalls`) still bounds it.
 */
import { nodeLookups } from '../resolvers/node-cost.js';
import {
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
  GraphQLError, Kind, getArgumentValues, getNamedType, getNullableType, getOperationAST, getVariableValues, isInterfaceType,
  isListType, isObjectType, isUnionType,
} from 'graphql';
import type { EdgeMetadata, GeneratedMetadata, OperationMetadata } from '../schema/metadata.js';

/** Items assumed in a list the API does not page (Auth0's largest page). */
const LIST_BOUND = 100;

export interface CostOptions {
  /** `first` when a connection is asked without it. */
  defaultFirst: number;
  /** Largest `first` a connection accepts (a larger one is refused before any call). */
  maxFirst: number;
  /**
   * Which rows are views of which entities, and the properties of a type: a companion whose
   * selected properties the row carries is answered from the row, with no call (the resolver
   * applies the same rule). Without it every companion costs a call.
   */
  views?: { isViewOf(rowType: string, entityType: string): boolean; propertyNames(type: string): Set<string> };
  /**
   * Edges the planner may answer by their inverse plan (edge-planner.ts): it probes the other side
   * before it chooses, and a batch that turns back costs up to half its direct calls more, so
   * each parent counts two calls.
   */
  plannedEdges?: ReadonlySet<string>;
  /** Calls one lookup of an entity by id may cost (a batch may walk the list first); 1 without it. */
  callsPerLookup?: (entityType: string) => number;
}

/** Cost of a selection set: per parent object, and per item when the parent is a connection. */
interface SetCost {
  perParent: number;
  perItem: number;
}

export class CostError extends GraphQLError {}

/** Estimates upstream calls for one operation of a document, with the request's variables. */
export class QueryCoster {
  private readonly operations = new Map<string, OperationMetadata>();
  private readonly edges = new Map<string, EdgeMetadata>();

  constructor(private readonly schema: GraphQLSchema, private readonly metadata: GeneratedMetadata, private readonly options: CostOptions) {
    for (const op of Object.values(metadata.operations)) this.operations.set(op.coordinate, op);
    // A lookup by a list filter (connectionByName) is one call of its list, answering one object.
    for (const lookup of Object.values(metadata.lookups ?? {})) {
      const list = this.operations.get(lookup.list);
      if (list) this.operations.set(lookup.coordinate, { ...list, coordinate: lookup.coordinate, returns: lookup.returns, result: 'object' });
    }
    for (const edge of metadata.edges) this.edges.set(edge.coordinate, edge);
    // A workflow field (importUsers) costs as the operation it runs (its connection lookup is within the run-time budget).
    for (const [coordinate, workflow] of Object.entries(metadata.workflows ?? {})) {
      const op = this.operations.get(workflow.operation);
      if (op) this.operations.set(coordinate, op);
    }
  }

  /** The estimate, or 0 for what is not a query or mutation (or cannot be found). */
  estimate(document: DocumentNode, operationName: string | null | undefined, inputs: Record<string, unknown> | undefined): number {
    const operation = getOperationAST(document, operationName);
    const root = operation?.operation === 'mutation' ? this.schema.getMutationType() : operation?.operation === 'query' ? this.schema.getQueryType() : null;
    if (!operation || !root) return 0;
    const walk = new Walk(this, document, this.variables(operation, inputs));
    return Math.ceil(walk.set(operation.selectionSet, root).perParent);
  }

  private variables(operation: OperationDefinitionNode, inputs: Record<string, unknown> | undefined): Record<string, unknown> {
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], inputs ?? {});
    // Bad variables fail execution before any call; cost them as absent meanwhile.
    return coerced.coerced ?? {};
  }

  /** @internal The operation a field runs, with how it is reached. */
  callOf(parent: string, field: string): { operation: OperationMetadata; companion: boolean } | undefined {
    const coordinate = `${parent}.${field}`;
    const root = this.operations.get(coordinate);
    if (root) return { operation: root, companion: false };
    const edge = this.edges.get(coordinate);
    const operation = edge && this.operations.get(edge.operation);
    return operation ? { operation, companion: edge!.kind === 'companion' } : undefined;
  }

  /** @internal */
  get views(): CostOptions['views'] {
    return this.options.views;
  }

  /** @internal */
  lookupCalls(entityType: string): number {
    return this.options.callsPerLookup?.(entityType) ?? 1;
  }

  /** @internal Whether the planner may take this edge's inverse plan. */
  planned(coordinate: string): boolean {
    return this.options.plannedEdges?.has(coordinate) ?? false;
  }

  /** @internal GraphQL field name → wire name, where they differ. */
  wireNames(type: string): Record<string, string> {
    return this.metadata.fieldWireNames[type] ?? {};
  }

  /** @internal */
  schemaType(name: string): GraphQLNamedType | undefined {
    return this.schema.getType(name) ?? undefined;
  }

  /** @internal Pages one connection field can fetch for the given arguments. */
  pages(operation: OperationMetadata, args: Record<string, unknown>): { pages: number; items: number } {
    // page-index and backward paging (page-index.ts) fetch pageSize or last items the same way; last without before counts the list first.
    const raw = args.first ?? args.pageSize ?? args.last;
    const first = raw === undefined || raw === null ? this.options.defaultFirst : Number(raw);
    if (!Number.isInteger(first) || first < 0 || first > this.options.maxFirst) return { pages: 0, items: 0 };
    if (first === 0) return { pages: 1, items: 0 };
    const paging = operation.connection;
    const sizes = [paging?.offset?.maxPerPage, paging?.checkpoint?.maxTake].filter((n): n is number => typeof n === 'number' && n > 0);
    const pageSize = sizes.length > 0 ? Math.min(...sizes) : 1;
    const resumes = [args.after, args.before, args.page].some((a) => a !== undefined && a !== null) || (args.last !== undefined && args.last !== null);
    return { pages: Math.ceil(first / pageSize) + (resumes ? 1 : 0), items: first };
  }
}

/** One costing of one document: fragments memoised, variables fixed. */
class Walk {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly memo = new Map<string, SetCost>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly coster: QueryCoster, document: DocumentNode, private readonly variables: Record<string, unknown>) {
    this.fragments = new Map(document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]));
  }

  set(selectionSet: SelectionSetNode, type: GraphQLNamedType): SetCost {
    const total: SetCost = { perParent: 0, perItem: 0 };
    const isConnection = isObjectType(type) && 'pageInfo' in type.getFields() && 'nodes' in type.getFields();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // A connection's items are counted by its `first`, not as an unbounded list.
        if (isConnection && (selection.name.value === 'nodes' || selection.name.value === 'edges')) total.perItem += this.field(selection, type, true).perParent;
        else total.perParent += this.field(selection, type).perParent;
      } else {
        const part = selection.kind === Kind.INLINE_FRAGMENT
          ? this.set(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? type)
          : this.fragment(selection.name.value);
        total.perParent += part.perParent;
        total.perItem += part.perItem;
      }
    }
    return total;
  }

  private fragment(name: string): SetCost {
    const known = this.memo.get(name);
    if (known) return known;
    if (this.inProgress.has(name)) throw new CostError(`Fragment ${name} spreads itself.`, { extensions: { code: 'QUERY_INVALID' } });
    const definition = this.fragments.get(name);
    const type = definition && this.typeNamed(definition.typeCondition.name.value);
    if (!definition || !type) return { perParent: 0, perItem: 0 };
    this.inProgress.add(name);
    const cost = this.set(definition.selectionSet, type);
    this.inProgress.delete(name);
    this.memo.set(name, cost);
    return cost;
  }

  /** Cost of one field, per parent object (in `perParent`). */
  private field(node: FieldNode, parent: GraphQLNamedType, items = false): SetCost {
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!definition) return { perParent: 0, perItem: 0 };
    const target = getNamedType(definition.type);
    const children = node.selectionSet ? this.set(node.selectionSet, target) : { perParent: 0, perItem: 0 };
    if (node.name.value === '_entities' && parent === this.coster.schemaType('Query')) {
      // Federation: one entity load per representation, each with what is selected on it.
      const representations = this.args(definition, node).representations;
      const list = Array.isArray(representations) ? representations as Array<{ __typename?: unknown }> : [];
      const calls = list.reduce((sum, r) => sum + this.coster.lookupCalls(String(r?.__typename)), 0);
      return { perParent: calls + list.length * children.perParent, perItem: 0 };
    }
    const lookups = parent === this.coster.schemaType('Query') ? nodeLookups(node.name.value, this.args(definition, node)) : undefined;
    if (lookups) return { perParent: lookups.reduce((sum, type) => sum + this.coster.lookupCalls(type) + children.perParent, 0), perItem: 0 };
    const call = isObjectType(parent) ? this.coster.callOf(parent.name, node.name.value) : undefined;
    const list = !items && isListType(getNullableType(definition.type));
    if (!call) return { perParent: (list ? LIST_BOUND : 1) * children.perParent, perItem: 0 };
    if (call.operation.result === 'connection') {
      const { pages, items } = this.coster.pages(call.operation, this.args(definition, node));
      const planned = isObjectType(parent) && this.coster.planned(`${parent.name}.${node.name.value}`) ? 1 : 0;
      return { perParent: pages + planned + children.perParent + items * children.perItem, perItem: 0 };
    }
    if (call.companion && isObjectType(parent) && node.selectionSet && this.answeredFromRow(parent.name, getNamedType(definition.type).name, node.selectionSet)) {
      return { perParent: children.perParent, perItem: 0 };
    }
    // A companion loads one entity per parent; any other operation is one call, whose answer
    // may be a plain list.
    const calls = call.companion ? this.coster.lookupCalls(target.name) : 1;
    return { perParent: calls + (list && !call.companion ? LIST_BOUND : 1) * children.perParent, perItem: 0 };
  }

  /** Whether the row carries every property selected on its companion entity (see CostOptions.views). */
  private answeredFromRow(rowType: string, entityType: string, selectionSet: SelectionSetNode): boolean {
    const views = this.coster.views;
    if (!views || !views.isViewOf(rowType, entityType)) return false;
    const entity = views.propertyNames(entityType);
    const row = views.propertyNames(rowType);
    const renamed = this.coster.wireNames(entityType);
    const names = new Set<string>();
    const seen = new Set<string>();
    const collect = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) names.add(selection.name.value);
        else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = this.fragments.get(selection.name.value);
          if (fragment) collect(fragment.selectionSet);
        }
      }
    };
    collect(selectionSet);
    return [...names].every((name) => {
      const wire = renamed[name] ?? name;
      return !entity.has(wire) || row.has(wire);
    });
  }

  private args(definition: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.variables);
    } catch {
      // Invalid arguments fail the field before any call.
      return {};
    }
  }

  private typeNamed(name: string | undefined): GraphQLNamedType | undefined {
    if (!name) return undefined;
    const type = this.coster.schemaType(name);
    return type && (isObjectType(type) || isInterfaceType(type) || isUnionType(type)) ? type : undefined;
  }
}
