/**
 * Resolver wiring for the generated schema: scalars, enum wire values, union member resolution,
 * camelCase → wire field reads, the root fields (one generic resolver over the metadata) and the
 * edges.
 */
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { GeneratedMetadata, OperationMetadata } from '../schema/metadata.js';
import type { GatewayContext } from './context.js';
import { resolveConnection } from './connection.js';
import { edgeResolver } from './edges.js';
import { lookupResolver } from './lookup.js';
import { executeOperation } from './operation.js';
import { scalarResolvers } from './scalars.js';
import { resolveUnionMember } from './unions.js';
import { withWorkflow, workflowRootFields } from './workflows.js';

export function buildResolvers(metadata: GeneratedMetadata): IResolvers {
  const resolvers: Record<string, Record<string, unknown>> = { ...scalarResolvers(metadata.scalarUnions) } as never;

  for (const [name, values] of Object.entries(metadata.enums)) resolvers[name] = { ...values };

  const wireKeys = (type: string): string[] => Object.values(metadata.fieldWireNames[type] ?? {});
  for (const [name, union] of Object.entries(metadata.unions)) {
    resolvers[name] = {
      __resolveType: (value: Record<string, unknown>) => resolveUnionMember(union, value, wireKeys),
    };
  }

  const query: Record<string, unknown> = {};
  const mutation: Record<string, unknown> = {};
  for (const op of Object.values(metadata.operations)) {
    const [root, field] = op.coordinate.split('.') as [string, string];
    (root === 'Query' ? query : mutation)[field] = withWorkflow(op, rootResolver(op));
  }
  for (const lookup of Object.values(metadata.lookups ?? {})) query[lookup.coordinate.split('.')[1]!] = lookupResolver(lookup);
  for (const edge of metadata.edges) {
    const [type, field] = edge.coordinate.split('.') as [string, string];
    resolvers[type] = { ...(resolvers[type] ?? {}), [field]: edgeResolver(edge) };
  }
  for (const [type, field] of Object.entries(metadata.openOutputs ?? {})) {
    resolvers[type] = { ...(resolvers[type] ?? {}), [field]: undeclaredProperties(metadata, field) };
  }
  resolvers.Query = query;
  resolvers.Mutation = { ...mutation, ...workflowRootFields(metadata).Mutation };
  return resolvers as IResolvers;
}

/**
 * An open object's `extra` (symmetric.ts): the wire properties its type does not declare, or
 * null when there are none. The declared wire keys are worked out once per type.
 */
function undeclaredProperties(metadata: GeneratedMetadata, own: string): GraphQLFieldResolver<unknown, unknown> {
  const declared = new Map<string, Set<string>>();
  return (source, _args, _context, info) => {
    if (source === null || typeof source !== 'object') return null;
    const type = info.parentType.name;
    let keys = declared.get(type);
    if (!keys) {
      const renamed = metadata.fieldWireNames[type] ?? {};
      keys = new Set(Object.keys(info.parentType.getFields()).filter((name) => name !== own).map((name) => renamed[name] ?? name));
      declared.set(type, keys);
    }
    const rest = Object.entries(source as Record<string, unknown>).filter(([key]) => !keys.has(key));
    return rest.length > 0 ? Object.fromEntries(rest) : null;
  };
}

/**
 * The default field resolver: results arrive with Auth0's wire keys (`user_id`), the schema
 * speaks camelCase (`userId`); one lookup per field read, no per-field closures to build.
 */
export function wireFieldResolver(metadata: GeneratedMetadata): GraphQLFieldResolver<unknown, unknown> {
  const wireNames = new Map(Object.entries(metadata.fieldWireNames).map(([type, fields]) => [type, new Map(Object.entries(fields))]));
  return (source, args, context, info) => {
    if (source === null || typeof source !== 'object') return undefined;
    const wire = wireNames.get(info.parentType.name)?.get(info.fieldName) ?? info.fieldName;
    const value = (source as Record<string, unknown>)[wire];
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).call(source, args, context, info) : value;
  };
}

function rootResolver(op: OperationMetadata): GraphQLFieldResolver<unknown, GatewayContext> {
  return (_source, args, ctx, info) => {
    if (!ctx.runtime) {
      throw new GraphQLError(`${op.method} ${op.path} cannot run: no Auth0 tenant or emulator is configured.`, {
        extensions: { code: 'UPSTREAM_UNAVAILABLE', operationId: op.operationId },
      });
    }
    return op.result === 'connection' ? resolveConnection(op, args, ctx, info) : executeOperation(op, args, ctx, info);
  };
}
