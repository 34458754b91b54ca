/** The served schema: generated SDL + resolver wiring, built once at start-up. */
import { addResolversToSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import { buildASTSchema, type GraphQLSchema, parse } from 'graphql';
import { federationResolvers, federationRuntimeSdl, subgraphTypeDefs } from './federation.js';
import { guardSchema } from './drift.js';
import { buildResolvers, wireFieldResolver } from './index.js';
import { nodeResolvers } from './node.js';
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
  const sdl = federation ? `${subgraphTypeDefs(federation.subgraphSdl)}\n${federationRuntimeSdl(federation.entityTypes)}` : artifacts.typeDefs;
  // graphql-js builds the schema from the SDL, and the resolvers are set on it in place: about
  // half of what makeExecutableSchema spends merging type definitions and copying the schema.
  // The SDL is generated, validated when generated and proven current by the tests, so neither
  // source locations nor a second validation are paid for at start-up.
  const schema = buildASTSchema(parse(sdl, { noLocation: true }), { assumeValidSDL: true, assumeValid: true });
  resolvers.push(nodeResolvers(artifacts.metadata, (coordinate) => {
    const [type, field] = coordinate.split('.') as [string, string];
    const found = schema.getType(type);
    return Boolean(found && 'getFields' in found && (found.getFields() as Record<string, unknown>)[field]);
  }));
  const defaultFieldResolver = wireFieldResolver(artifacts.metadata);
  // Every field checks what Auth0 sent against its type: drift never reaches graphql-js as an
  // opaque serialisation error (drift.ts).
  return guardSchema(addResolversToSchema({
    schema,
    resolvers: mergeResolvers(resolvers),
    defaultFieldResolver,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    updateResolversInPlace: true,
  }), defaultFieldResolver);
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
