/**
 * Resolver wiring for the generated schema: scalars, enum wire values, union member resolution,
 * camelCase → wire field reads, and the root fields. The root fields answer a clear
 * NOT_IMPLEMENTED error until the upstream runtime lands; they never invent data.
 */
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { GeneratedMetadata } from '../schema/metadata.js';
import { scalarResolvers } from './scalars.js';
import { resolveUnionMember } from './unions.js';

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
    (root === 'Query' ? query : mutation)[field] = notImplemented(op.operationId, `${op.method} ${op.path}`);
  }
  resolvers.Query = query;
  resolvers.Mutation = mutation;
  return resolvers as IResolvers;
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

function notImplemented(operationId: string, route: string) {
  return (): never => {
    throw new GraphQLError(`${route} is mapped but not executed yet: the upstream runtime is not built in this version.`, {
      extensions: { code: 'NOT_IMPLEMENTED', operationId },
    });
  };
}
