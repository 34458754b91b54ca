/**
 * Projection parameters leave the graph (issue 13, "No harmful arguments").
 *
 * Auth0's `fields` (a comma-separated list of properties) and `include_fields` (whether that list
 * includes or excludes) are REST's way of asking for fewer properties. In the graph the selection
 * set already says which fields are wanted, and the gateway sends `fields=` itself from it
 * (src/resolvers/operation.ts, connection.ts). As arguments they could only disagree with the
 * selection and silently null what the caller selected but did not list, so they are not
 * arguments: the operation's metadata records the wire parameter instead (`projection`).
 *
 * Runs after `buildOperations` and before `buildEdges` (which copies root arguments onto edges).
 */
import type { RootFields } from './operations.js';

const PROJECTION_PARAMS: Record<string, 'fields' | 'includeFields'> = { fields: 'fields', include_fields: 'includeFields' };

export function dropProjectionArguments(root: RootFields): void {
  const fieldsByCoordinate = new Map<string, RootFields['query'][number]>([
    ...root.query.map((f) => [`Query.${f.name}`, f] as const),
    ...root.mutation.map((f) => [`Mutation.${f.name}`, f] as const),
  ]);
  for (const operation of Object.values(root.operations)) {
    const dropped = Object.entries(operation.args).filter(([, a]) => a.in === 'query' && a.wire in PROJECTION_PARAMS);
    if (dropped.length === 0) continue;
    const field = fieldsByCoordinate.get(operation.coordinate)!;
    const names = new Set(dropped.map(([name]) => name));
    field.args = (field.args ?? []).filter((a) => !names.has(a.name));
    operation.args = Object.fromEntries(Object.entries(operation.args).filter(([name]) => !names.has(name)));
    operation.projection = Object.fromEntries(dropped.map(([, a]) => [PROJECTION_PARAMS[a.wire]!, a.wire]));
  }
}
