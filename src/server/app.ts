/** The HTTP app: graphql-yoga serving the generated schema, with GraphiQL. */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import { createExecutableSchema } from '../schema/executable.js';

export function createApp(schema: GraphQLSchema = createExecutableSchema()): YogaServerInstance<Record<string, unknown>, Record<string, unknown>> {
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Auth0 Management API — GraphQL' },
  });
}
