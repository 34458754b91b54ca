/**
 * Resolvers for the graph's edges (DESIGN 2): a sub-resource field (`User.roles`) runs its
 * operation with the parent's key as the path parameter; a companion field
 * (`ClientGrant.client`) loads the entity through the request's loaders, so a list of grants
 * costs one call per distinct client at most, batched where the API allows.
 */
import { GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo, getNamedType, isObjectType } from 'graphql';
import type { EdgeMetadata } from '../schema/metadata.js';
import type { WireObject } from '../loaders/entity-loader.js';
import type { GatewayContext } from './context.js';
import { connectionOfAll, resolveConnection } from './connection.js';
import type { InversePlan } from '../loaders/edge-planner.js';
import { executeOperation } from './operation.js';
import { readsOf, selectedFieldNames, wireFields } from './selection.js';

export function edgeResolver(edge: EdgeMetadata): GraphQLFieldResolver<WireObject, GatewayContext> {
  return edge.kind === 'sub-resource' ? subResource(edge) : companion(edge);
}

function subResource(edge: EdgeMetadata): GraphQLFieldResolver<WireObject, GatewayContext> {
  return (parent, args, ctx, info) => {
    const operation = ctx.runtime.operations.get(edge.operation)!;
    const merged: Record<string, unknown> = { ...args };
    for (const [arg, wire] of Object.entries(edge.from)) {
      const value = parent[wire];
      if (value === undefined || value === null) {
        throw new GraphQLError(`Cannot resolve ${edge.coordinate}: the parent has no ${wire}.`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      }
      merged[arg] = value;
    }
    const rootInfo = withArgsOf(info, edge.operation, ctx);
    if (operation.result !== 'connection') return executeOperation(operation, merged, ctx, rootInfo);
    const plan = ctx.runtime.inversePlans.get(edge.coordinate);
    return plan ? planned(plan, parent, args, ctx, () => resolveConnection(operation, merged, ctx, rootInfo)) : resolveConnection(operation, merged, ctx, rootInfo);
  };
}

/**
 * An edge with an inverse plan (`User.roles` over 100 users): the planner answers the first page
 * from the other side's memberships when that is cheaper, or hands back to the direct call.
 * Only a plain first page qualifies: no cursor, no other argument.
 */
async function planned(
  plan: InversePlan, parent: WireObject, args: Record<string, unknown>, ctx: GatewayContext, direct: () => Promise<unknown>,
): Promise<unknown> {
  const first = args.first === undefined || args.first === null ? ctx.runtime.limits.defaultPageSize : Number(args.first);
  const plain = Object.entries(args).every(([name, value]) => name === 'first' || value === undefined || value === null);
  const parentId = parent[plan.parentKey];
  if (!plain || !Number.isInteger(first) || first < 1 || first > plan.direct.connection!.offset!.maxPerPage || typeof parentId !== 'string'
    || !ctx.gateway.mayUseFully(plan.list) || !ctx.gateway.mayUseFully(plan.inverse)) return direct();
  const idParam = Object.values(plan.direct.args).find((a) => a.in === 'path')!.wire;
  ctx.gateway.authorize(plan.direct, { path: { [idParam]: parentId } });
  const rows = await ctx.gateway.planner.load(plan, parentId, first);
  if (!rows) return direct();
  // The rows are whole entities from their own list: later lookups of them cost nothing.
  const loader = ctx.gateway.entity(plan.otherType);
  for (const row of rows) loader?.prime(row, 'all');
  return connectionOfAll(rows);
}

function companion(edge: EdgeMetadata): GraphQLFieldResolver<WireObject, GatewayContext> {
  const [, wire] = Object.entries(edge.from)[0]!;
  return async (parent, _args, ctx, info) => {
    const type = getNamedType(info.returnType);
    if (!isObjectType(type)) return null;
    const loader = ctx.gateway.entity(type.name, wire === 'audience' ? 'identifier' : undefined);
    if (!loader) return null;
    const fields = wireFields(ctx.runtime.metadata, type.name, selectedFieldNames(info, info.fieldNodes[0]?.selectionSet),
      ctx.runtime.propertyNames(type.name), ctx.runtime.requiredKeys(type.name));
    const value = parent[wire];
    const get = ctx.runtime.operations.get(edge.operation)!;
    const idParam = Object.values(get.args).find((a) => a.in === 'path')?.wire;
    // Walked only when a narrowing scope or a row answer needs it, and then once.
    let walked: string[] | 'unknown' | undefined;
    const reads = () => (walked ??= readsOf(ctx, type.name, info.fieldNodes.map((node) => node.selectionSet), info));
    ctx.gateway.authorize(get, { ...(idParam && typeof value === 'string' ? { path: { [idParam]: value } } : {}), reads });
    if (!edge.list && typeof value === 'string' && value !== '') {
      const fromRow = ctx.runtime.isViewOf(info.parentType.name, type.name)
        ? answerFromRow(parent, reads(), ctx.runtime.entities.get(type.name)?.key, value) : undefined;
      if (fromRow) return fromRow;
    }
    if (edge.list) {
      return Array.isArray(value) ? Promise.all(value.map((id) => loader.load(String(id), fields))) : null;
    }
    return typeof value === 'string' && value !== '' ? loader.load(value, fields) : null;
  };
}

/**
 * Use what is already fetched: a row that is a view of the entity (organization members and role
 * users are users: every property they have, the user has) and carries every property the caller
 * selects answers `member.user { email }` without a call. The scope check
 * has run all the same: the answer is the entity's, whoever holds the row.
 */
function answerFromRow(parent: WireObject, reads: string[] | 'unknown', key: string | undefined, id: string): WireObject | undefined {
  if (reads === 'unknown' || !key) return undefined;
  if (!reads.every((field) => field === key || Object.hasOwn(parent, field))) return undefined;
  const row: WireObject = { [key]: id };
  for (const field of reads) if (field !== key) row[field] = parent[field];
  return row;
}

/**
 * The operation's argument definitions live on its root field; an edge field has the same ones
 * less the parent key. Resolving through the root field's definitions lets one code path map
 * arguments to wire values for both.
 */
function withArgsOf(info: GraphQLResolveInfo, coordinate: string, ctx: GatewayContext): GraphQLResolveInfo {
  const [root, field] = coordinate.split('.') as [string, string];
  const rootType = root === 'Query' ? ctx.runtime.schema.getQueryType() : ctx.runtime.schema.getMutationType();
  const rootField = rootType?.getFields()[field];
  if (!rootType || !rootField) return info;
  return { ...info, parentType: rootType, fieldName: field, returnType: info.returnType };
}
