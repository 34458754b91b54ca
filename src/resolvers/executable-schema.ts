/** The served schema: generated SDL + resolver wiring, built once at start-up. */
import type { IResolvers } from '@graphql-tools/utils';
import {
  buildASTSchema, type GraphQLFieldResolver, type GraphQLSchema, GraphQLScalarType, isEnumType, isInterfaceType, isObjectType, isScalarType,
  isUnionType, parse,
} from 'graphql';
import { federationResolvers, federationRuntimeSdl, subgraphTypeDefs } from './federation.js';
import { guardSchema } from './drift.js';
import { buildResolvers, wireFieldResolver } from './index.js';
import { nodeResolvers } from './node.js';
import { schemaFromCompact } from '../schema/compact.js';
import { declaresField, whenFieldsMade } from '../schema/lazy-types.js';
import { type GeneratedArtifacts, loadGenerated } from '../schema/load.js';

export interface FederationOptions {
  /** The committed subgraph SDL (src/schema/generated/subgraph.graphql). */
  subgraphSdl: string;
  /** What `_service.sdl` answers: the served policy's SDL; undefined when introspection is off. */
  servedSdl: string | undefined;
  /** Entity types `_entities` resolves. */
  entityTypes: string[];
}

export function createExecutableSchema(artifacts: GeneratedArtifacts = loadGenerated(), federation?: FederationOptions): GraphQLSchema {
  const resolvers: IResolvers[] = [buildResolvers(artifacts.metadata)];
  if (federation) resolvers.push(federationResolvers(artifacts.metadata, federation.servedSdl, federation.entityTypes));
  // The schema is built from its compact JSON (schema/compact.ts), or for a subgraph from the
  // subgraph SDL with federation's own types, and the resolvers are set on it in place: about
  // half of what makeExecutableSchema spends merging type definitions and copying the schema.
  // Both forms are generated, validated when generated and proven current by the tests, so
  // neither source locations nor a second validation are paid for at start-up.
  const schema = federation
    ? buildASTSchema(parse(`${subgraphTypeDefs(federation.subgraphSdl)}\n${federationRuntimeSdl(federation.entityTypes)}`, { noLocation: true }), { assumeValidSDL: true, assumeValid: true })
    : schemaFromCompact(artifacts.schema);
  resolvers.push(nodeResolvers(artifacts.metadata, (coordinate) => {
    const [type, field] = coordinate.split('.') as [string, string];
    return declaresField(schema.getType(type), field);
  }));
  const defaultFieldResolver = wireFieldResolver(artifacts.metadata);
  // Every field checks what Auth0 sent against its type: drift never reaches graphql-js as an
  // opaque serialisation error (drift.ts).
  return guardSchema(attachResolvers(schema, mergeResolvers(resolvers)), defaultFieldResolver);
}

/**
 * Sets the resolver map on the schema graphql-js built, in place: field resolvers,
 * `__resolveType`, scalars' functions, enums' wire values. The default resolver (wire names) goes
 * on every other field as guardSchema (drift.ts) wraps it, in the same pass.
 * What `addResolversToSchema` would do for this map, without its general machinery (rebuilding
 * each enum and healing the schema), which costs about a third of start-up. A name the schema
 * does not have is an error, as `requireResolversToMatchSchema: 'error'` made it.
 */
function attachResolvers(schema: GraphQLSchema, resolvers: IResolvers): GraphQLSchema {
  for (const [typeName, map] of Object.entries(resolvers as Record<string, unknown>)) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`Resolvers for ${typeName}, which the schema does not define`);
    if (isScalarType(type)) {
      const given = map as GraphQLScalarType;
      // Enum values and scalars are graphql-js objects read at execution: set in place.
      Object.assign(type, { serialize: given.serialize, parseValue: given.parseValue, parseLiteral: given.parseLiteral });
      continue;
    }
    const entries = Object.entries(map as Record<string, unknown>);
    if (isEnumType(type)) {
      const values = new Map(type.getValues().map((v) => [v.name, v]));
      for (const [name, wire] of entries) {
        const value = values.get(name);
        if (!value) throw new Error(`Resolvers for ${typeName}.${name}, which the schema does not define`);
        value.value = wire;
      }
      continue;
    }
    const fieldResolvers: Array<[string, unknown]> = [];
    for (const [name, resolver] of entries) {
      if (name === '__resolveType' && (isUnionType(type) || isInterfaceType(type))) {
        type.resolveType = resolver as typeof type.resolveType;
        continue;
      }
      if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`Resolvers for ${typeName}.${name}, which cannot have any`);
      if (!declaresField(type, name)) throw new Error(`Resolvers for ${typeName}.${name}, which the schema does not define`);
      fieldResolvers.push([name, resolver]);
    }
    if (fieldResolvers.length === 0 || !(isObjectType(type) || isInterfaceType(type))) continue;
    // Set when the type's fields are made (lazy-types.ts), before the drift guard wraps them.
    whenFieldsMade(type, (fields) => {
      for (const [name, resolver] of fieldResolvers) {
        const field = fields[name]!;
        if (typeof resolver === 'function') field.resolve = resolver as GraphQLFieldResolver<unknown, unknown>;
        else Object.assign(field, resolver);
      }
    });
  }
  return schema;
}

/** Resolver maps merged type by type (federation adds `Query._entities` to the generated `Query`). */
function mergeResolvers(maps: IResolvers[]): IResolvers {
  const plain = (value: unknown): value is Record<string, unknown> => Boolean(value) && Object.getPrototypeOf(value) === Object.prototype;
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, value] of Object.entries(map)) {
      const known = merged[type];
      merged[type] = plain(known) && plain(value) ? { ...known, ...value } : value;
    }
  }
  return merged as IResolvers;
}
