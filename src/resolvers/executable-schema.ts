/** The served schema: generated SDL + resolver wiring, built once at start-up. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { federationResolvers, federationRuntimeSdl, subgraphTypeDefs } from './federation.js';
import { buildResolvers, wireFieldResolver } from './index.js';
import { type GeneratedArtifacts, loadGenerated } from '../schema/load.js';

export interface FederationOptions {
  /** The committed subgraph SDL (src/schema/generated/subgraph.graphql). */
  subgraphSdl: string;
  /** What `_service.sdl` answers: the served policy's SDL. */
  servedSdl: string;
  /** Entity types `_entities` resolves. */
  entityTypes: string[];
}

export function createExecutableSchema(artifacts: GeneratedArtifacts = loadGenerated(), federation?: FederationOptions): GraphQLSchema {
  const resolvers: IResolvers[] = [buildResolvers(artifacts.metadata)];
  if (federation) resolvers.push(federationResolvers(artifacts.metadata, federation.servedSdl, federation.entityTypes));
  return makeExecutableSchema({
    typeDefs: federation ? [subgraphTypeDefs(federation.subgraphSdl), federationRuntimeSdl(federation.entityTypes)] : artifacts.typeDefs,
    resolvers,
    defaultFieldResolver: wireFieldResolver(artifacts.metadata),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    // The SDL is generated, validated when generated and proven current by the tests: skip
    // source locations and the second validation at start-up (most of its cost).
    noLocation: true,
    assumeValidSDL: true,
    assumeValid: true,
  });
}
