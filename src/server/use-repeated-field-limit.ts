/**
 * Refuses, before validation, a selection set that asks for one response name too many times.
 *
 * graphql-js's OverlappingFieldsCanBeMerged rule compares every pair of fields that share a
 * response name in a selection set (fragments merged in), and each pair's subselections too: 350
 * copies of `users(first: 1) { nodes { userId } }` cost it ~130 ms of CPU while staying under the
 * token limit, and the process answers nothing else meanwhile. No real query repeats a field that
 * often (component fragments in Relay-style clients repeat `id` a few dozen times at most), so a
 * cap on repeats bounds that rule's work without touching real clients. Counted in one pass over
 * the document: each fragment's top-level names are counted once and reused, and a fragment spread
 * twice in one set counts once, as graphql-js merges it once.
 */
import { type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, GraphQLError, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function mostRepeatedField(document: DocumentNode): { name: string; count: number } {
  const fragments = new Map(document.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]));
  const memo = new Map<string, Map<string, number>>();
  const inProgress = new Set<string>();
  let worst = { name: '', count: 0 };

  /** Response names this set contributes to its parent's merged set, with their counts. */
  const names = (set: SelectionSetNode): Map<string, number> => {
    const counts = new Map<string, number>();
    const add = (name: string, n: number) => counts.set(name, (counts.get(name) ?? 0) + n);
    const spread = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        add(selection.alias?.value ?? selection.name.value, 1);
        if (selection.selectionSet) check(names(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        for (const [name, n] of names(selection.selectionSet)) add(name, n);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        for (const [name, n] of fragment(selection.name.value)) add(name, n);
      }
    }
    return counts;
  };
  const fragment = (name: string): Map<string, number> => {
    const known = memo.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    // Unknown fragments and cycles are left to validation, which refuses them.
    if (!definition || inProgress.has(name)) return new Map();
    inProgress.add(name);
    const counts = names(definition.selectionSet);
    inProgress.delete(name);
    memo.set(name, counts);
    return counts;
  };
  const check = (counts: Map<string, number>) => {
    for (const [name, count] of counts) if (count > worst.count) worst = { name, count };
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) check(names(definition.selectionSet));
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) check(fragment(definition.name.value));
  }
  return worst;
}

export function useRepeatedFieldLimit(maxRepeats: number): Plugin {
  return {
    onValidate({ params, setResult }) {
      const worst = mostRepeatedField(params.documentAST);
      if (worst.count > maxRepeats) {
        setResult([new GraphQLError(`The field "${worst.name}" is asked for ${worst.count} times in one selection; at most ${maxRepeats} are allowed.`, {
          extensions: { code: 'TOO_MANY_REPEATED_FIELDS', maxRepeats },
        })]);
      }
    },
  };
}
