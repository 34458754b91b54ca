/**
 * What a field's selection needs from the wire, for endpoints that accept `fields`
 * (FACTS A6): the selected properties' wire names, plus the keys that edges, companions and the
 * loaders' caches read. Only names that are properties of the response type are asked for (Auth0
 * rejects unknown names); a selection it cannot express (fragments on other types aside) asks for
 * everything.
 */
import { type FieldNode, type GraphQLResolveInfo, type SelectionSetNode, Kind } from 'graphql';
import type { GeneratedMetadata } from '../schema/metadata.js';
import type { Runtime } from './runtime.js';

/** Names of the fields selected on the node type, through fragments. Undefined when unknowable. */
export function selectedFieldNames(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined): Set<string> | undefined {
  if (!selectionSet) return undefined;
  const names = new Set<string>();
  // Each fragment is read once: a fragment spread a thousand times adds no names after the first.
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet)) return false;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (!fragment || !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return visit(selectionSet) ? names : undefined;
}

/** The selection set under `edges { node { … } }` and `nodes { … }` of a connection field. */
export function nodeSelections(field: FieldNode, info: GraphQLResolveInfo): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, path: string[]): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (path.length === 0 && name === 'nodes' && selection.selectionSet) out.push(selection.selectionSet);
        else if (path.length === 0 && name === 'edges') walk(selection.selectionSet, ['edges']);
        else if (path[0] === 'edges' && name === 'node' && selection.selectionSet) out.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, path);
      else if (!seen.has(`${path.join('.')}/${selection.name.value}`)) {
        seen.add(`${path.join('.')}/${selection.name.value}`);
        walk(info.fragments[selection.name.value]?.selectionSet, path);
      }
    }
  };
  walk(field.selectionSet, []);
  return out;
}

/**
 * The wire `fields` list for a selection on `typeName`, or undefined to ask for everything.
 * `extraWire`: keys always needed (entity key, keys edges read).
 */
export function wireFields(
  metadata: GeneratedMetadata, typeName: string, selected: Set<string> | undefined, propertyNames: Set<string>, extraWire: string[],
): string[] | undefined {
  if (!selected) return undefined;
  const renamed = metadata.fieldWireNames[typeName] ?? {};
  const wire = new Set(extraWire.filter((k) => propertyNames.has(k)));
  for (const name of selected) {
    if (name === '__typename') continue;
    const key = renamed[name] ?? name;
    if (propertyNames.has(key)) wire.add(key);
  }
  return [...wire].sort();
}

/**
 * The wire properties a caller reads from results of `typeName` through these selections (edges
 * and `__typename` are not properties): what the narrowing scopes are checked against. Every
 * field node counts, since one response key can merge several.
 */
export function readsOf(ctx: { runtime: { metadata: GeneratedMetadata; propertyNames(type: string): Set<string> } }, typeName: string,
  sets: ReadonlyArray<SelectionSetNode | undefined>, info: GraphQLResolveInfo): string[] | 'unknown' {
  const properties = ctx.runtime.propertyNames(typeName);
  const renamed = ctx.runtime.metadata.fieldWireNames[typeName] ?? {};
  const reads = new Set<string>();
  for (const set of sets) {
    if (!set) continue;
    const names = selectedFieldNames(info, set);
    if (!names) return 'unknown';
    for (const name of names) {
      const wire = renamed[name] ?? name;
      if (properties.has(wire)) reads.add(wire);
    }
  }
  return [...reads].sort();
}

/**
 * Properties to ask of rows of `rowType` so that companions to entities the row is a view of can
 * be answered from the row (`members { user { email } }` asks members for `email`).
 */
export function rowReadsForViews(ctx: { runtime: Runtime }, rowType: string, sets: ReadonlyArray<SelectionSetNode | undefined>, info: GraphQLResolveInfo): string[] {
  const reads = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          visit(info.fragments[selection.name.value]?.selectionSet);
        }
      } else {
        const edge = ctx.runtime.edges.get(`${rowType}.${selection.name.value}`);
        const target = edge?.kind === 'companion' ? ctx.runtime.operations.get(edge.operation)?.returns : undefined;
        if (!target || !ctx.runtime.isViewOf(rowType, target)) continue;
        const wanted = readsOf(ctx, target, [selection.selectionSet], info);
        if (wanted !== 'unknown') wanted.forEach((w) => reads.add(w));
      }
    }
  };
  sets.forEach(visit);
  return [...reads];
}
