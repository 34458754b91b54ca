/**
 * Refuses, before any upstream call, a query whose cost (an upper bound on the upstream calls it
 * can make: query-cost.ts) exceeds the limit. It runs just before execution, when variables are
 * known, so `first: $n` is counted at its real value, defaults included.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { CostError, type QueryCoster } from './query-cost.js';

export function useCostLimit(options: { maxCost: number; coster: QueryCoster }): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let cost: number;
      try {
        cost = options.coster.estimate(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      } catch (error) {
        if (!(error instanceof CostError)) throw error;
        setResultAndStopExecution({ errors: [error] });
        return;
      }
      if (cost > options.maxCost) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`Query cost ${cost} exceeds the limit of ${options.maxCost}: it could make ${cost} calls to the Management API. Ask for fewer items (a lower \`first\`) or fewer nested lists.`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: options.maxCost, http: { status: 400 } },
          })],
        });
      }
    },
  };
}
