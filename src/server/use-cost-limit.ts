/**
 * A cost limit that protects the tenant's rate limit (DESIGN 9): every field costs 1, and what
 * sits under a connection costs `first` times over (the default page size when `first` is
 * absent), so a query asking for a thousand users' roles' permissions is refused before any call.
 * Nested connections multiply. It runs just before execution, when variables are known, so
 * `first: $n` is counted at its real value.
 */
import {
  type DocumentNode, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode,
  GraphQLError, Kind, getNamedType, getOperationAST, isObjectType, valueFromASTUntyped,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, defaultFirst: number): number {
  const operation = getOperationAST(document, operationName);
  const root = operation?.operation === 'mutation' ? schema.getMutationType() : operation?.operation === 'query' ? schema.getQueryType() : null;
  if (!operation || !root) return 0;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

  const cost = (set: SelectionSetNode, type: GraphQLObjectType, seen: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = type.getFields()[selection.name.value];
        const target = field && getNamedType(field.type);
        if (!selection.selectionSet || !target || !isObjectType(target)) { total += 1; continue; }
        let multiplier = 1;
        if ('pageInfo' in target.getFields()) {
          const arg = selection.arguments?.find((a) => a.name.value === 'first');
          const value = arg ? valueFromASTUntyped(arg.value, variables) : undefined;
          multiplier = typeof value === 'number' && value >= 0 ? value : defaultFirst;
        }
        total += 1 + multiplier * cost(selection.selectionSet, target, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += cost(selection.selectionSet, isObjectType(on) ? on : type, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment) total += cost(fragment.selectionSet, isObjectType(on) ? on : type, new Set([...seen, selection.name.value]));
      }
    }
    return total;
  };
  return cost(operation.selectionSet, root, new Set());
}

export function useCostLimit(options: { maxCost: number; defaultFirst: number }): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = queryCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>, options.defaultFirst);
      if (cost > options.maxCost) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`Query cost ${Math.round(cost)} exceeds the limit of ${options.maxCost}: ask for fewer items (a lower \`first\`) or fewer nested lists.`, {
            extensions: { code: 'QUERY_TOO_COSTLY', cost: Math.round(cost), maxCost: options.maxCost },
          })],
        });
      }
    },
  };
}
