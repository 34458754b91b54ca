/**
 * Puts the request's drift warnings (values served changed: a null left out of a list, a coerced
 * scalar; src/resolvers/drift.ts) in the response's `extensions.warnings`, beside the data.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../resolvers/context.js';

export function useDriftWarnings(): Plugin<GatewayContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const warnings = (args.contextValue as Partial<GatewayContext>).gateway?.warnings;
          if (!warnings || warnings.length === 0) return;
          setResult({ ...result, extensions: { ...result.extensions, warnings: [...warnings] } });
        },
      };
    },
  };
}
