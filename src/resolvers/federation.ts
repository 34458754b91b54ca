/**
 * The gateway as an Apollo Federation v2 subgraph (DESIGN 10): `_service { sdl }` and
 * `_entities`, written here rather than taken from @apollo/subgraph, because that package pulls
 * in Elastic-licensed internals and rejects the schema's `@oneOf` inputs, while the part that is
 * this project's own (resolving references through the request's loaders, with the caller's
 * scopes checked per entity) would be ours either way. The protocol part is three types.
 *
 * `_service.sdl` is the served policy: root fields and edges turned off by read-only mode or the
 * allow/deny lists are not in it, and an entity whose get-by-id operation is off loses its `@key`.
 */
import { GraphQLError, GraphQLScalarType, type GraphQLFieldResolver, Kind, parse, print, valueFromASTUntyped, visit } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import { FEDERATION_LINK, federationPlan } from '../schema/federation.js';
import type { GeneratedMetadata } from '../schema/metadata.js';
import type { GatewayContext } from './context.js';
import { readsOf } from './selection.js';

/** Definitions the subgraph SDL imports by `@link`, and the protocol's own types: served, never in `_service.sdl`. */
export function federationRuntimeSdl(entityTypes: string[]): string {
  return `
scalar _Any
scalar link__Import
scalar federation__Scope
enum link__Purpose { SECURITY EXECUTION }
directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
directive @requiresScopes(scopes: [[federation__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
union _Entity = ${entityTypes.join(' | ')}
type _Service { sdl: String! }
extend type Query {
  _entities(representations: [_Any!]!): [_Entity]!
  _service: _Service!
}
`;
}

/** The committed subgraph SDL without the lines graphql-js defines itself. */
export function subgraphTypeDefs(subgraphSdl: string): string {
  return subgraphSdl.replace(/^directive @oneOf on INPUT_OBJECT$/m, '');
}

/** `_service.sdl` for the served policy. */
export function servedSubgraphSdl(subgraphSdl: string, metadata: GeneratedMetadata, disabled: ReadonlySet<string>): string {
  const off = new Set(disabled);
  for (const edge of metadata.edges) if (disabled.has(edge.operation)) off.add(edge.coordinate);
  const keyless = new Set(Object.entries(metadata.entities).filter(([, e]) => disabled.has(e.getOperation)).map(([type]) => type));
  const document = visit(parse(subgraphTypeDefs(subgraphSdl), { noLocation: true }), {
    SchemaExtension: () => null,
    ObjectTypeDefinition(node) {
      const type = node.name.value;
      const fields = (node.fields ?? []).filter((f) => !off.has(`${type}.${f.name.value}`));
      if (fields.length === 0) return null;
      const directives = keyless.has(type) ? (node.directives ?? []).filter((d) => d.name.value !== 'key') : node.directives;
      return { ...node, fields, ...(directives ? { directives } : {}) };
    },
  });
  return `${FEDERATION_LINK}\n\ndirective @oneOf on INPUT_OBJECT\n\n${print(document)}\n`;
}

const Any = new GraphQLScalarType({
  name: '_Any',
  description: 'An entity representation: `__typename` and its key fields.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => (ast.kind === Kind.OBJECT ? valueFromASTUntyped(ast) : undefined),
});

const TYPENAME = Symbol('entity type');

/** `servedSdl` undefined: introspection is off, and `_service` says no more about the schema than introspection would. */
export function federationResolvers(metadata: GeneratedMetadata, servedSdl: string | undefined, entityTypes: string[]): IResolvers {
  const plan = federationPlan(metadata);
  const entities: GraphQLFieldResolver<unknown, GatewayContext, { representations: Array<Record<string, unknown>> }> = (_source, args, ctx, info) => {
    const sets = info.fieldNodes.map((node) => node.selectionSet);
    return args.representations.map(async (representation) => {
      const type = representation?.__typename;
      if (typeof type !== 'string' || !entityTypes.includes(type)) {
        throw new GraphQLError(`No entity type ${JSON.stringify(type)} in this subgraph.`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const keyField = plan.keys.get(type)!;
      const key = representation[keyField];
      if (typeof key !== 'string' || key === '') {
        throw new GraphQLError(`A ${type} reference needs its key ${keyField}.`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const get = ctx.runtime.operations.get(metadata.entities[type]!.getOperation)!;
      const idParam = Object.values(get.args).find((a) => a.in === 'path')!.wire;
      // The caller's scopes, per entity: what `user(id:)` would allow, `_entities` allows.
      ctx.gateway.authorize(get, { path: { [idParam]: key }, reads: () => readsOf(ctx, type, sets, info) });
      const loader = ctx.gateway.entity(type);
      if (!loader) throw new GraphQLError(`${type} cannot be loaded by reference.`, { extensions: { code: 'NOT_IMPLEMENTED' } });
      const value = await loader.load(key);
      return Object.assign(Object.create(value) as object, { [TYPENAME]: type });
    });
  };
  return {
    _Any: Any,
    _Entity: { __resolveType: (value: Record<symbol, unknown>) => value[TYPENAME] },
    _Service: {
      sdl: () => {
        if (servedSdl !== undefined) return servedSdl;
        throw new GraphQLError('The subgraph SDL is not served while introspection is off: compose from src/schema/generated/subgraph.graphql instead.', { extensions: { code: 'FORBIDDEN' } });
      },
    },
    Query: { _entities: entities, _service: () => ({}) },
  } as IResolvers;
}
