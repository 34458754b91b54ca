import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map, so Node (and every dependency, graphql-yoga included) loads
    // its CommonJS build, while Vite would pick the "module" build for our sources. Two copies
    // break `instanceof GraphQLError` (errors get masked); resolve as Node does.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Suites start real loopback servers; keep them from starving each other on 2 cores.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
