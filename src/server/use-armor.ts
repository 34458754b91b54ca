/**
 * Document limits (graphql-armor): depth, aliases, tokens and directives, each refused with its
 * own `extensions.code` so a client can tell which limit it hit without reading the message.
 * Field suggestions are hidden when introspection is off. The cost limit is not armor's (see
 * use-cost-limit.ts).
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface ArmorLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
}

/**
 * Armor's own rejection is a bare GraphQLError. Its `onReject` hooks are the supported way to
 * replace it: with `propagateOnRejection: false` armor does not throw its own error, and the hook
 * reports ours to the validation context, so the refusal stays a validation error (refused before
 * execution, 400 under application/graphql-response+json). The token limit runs inside the parser,
 * where there is no validation context: there the hook throws, which ends parsing as a syntax
 * error would (it must throw, or the parser would go on and call the hook for every further token).
 */
function refuseWith(code: string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => {
      const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } });
      if (context) context.reportError(refusal);
      else throw refusal;
    }],
  };
}

export function useArmor(limits: ArmorLimits, options: { blockFieldSuggestion: boolean }): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ...refuseWith('QUERY_TOO_DEEP') },
    maxAliases: { n: limits.maxAliases, ...refuseWith('TOO_MANY_ALIASES') },
    maxTokens: { n: limits.maxTokens, ...refuseWith('TOO_MANY_TOKENS') },
    maxDirectives: { n: limits.maxDirectives, ...refuseWith('TOO_MANY_DIRECTIVES') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestion },
  }) as Plugin;
}
