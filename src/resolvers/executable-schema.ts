/** The served schema: generated SDL + resolver wiring, built once at start-up. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { buildResolvers, wireFieldResolver } from './index.js';
import { type GeneratedArtifacts, loadGenerated } from '../schema/load.js';

export function createExecutableSchema(artifacts: GeneratedArtifacts = loadGenerated()): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: artifacts.typeDefs,
    resolvers: buildResolvers(artifacts.metadata),
    defaultFieldResolver: wireFieldResolver(artifacts.metadata),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    // The SDL is generated, validated when generated and proven current by the tests: skip
    // source locations and the second validation at start-up (most of its cost).
    noLocation: true,
    assumeValidSDL: true,
    assumeValid: true,
  });
}
