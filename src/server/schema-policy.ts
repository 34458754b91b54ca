/**
 * Which operations this gateway offers: read-only mode removes the Mutation type; an allow-list
 * keeps only the named root fields (coordinates like `Query.users` or bare names); a deny-list
 * removes the named ones. Edges whose operation is removed are refused at run time too.
 */
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { GeneratedMetadata } from '../schema/metadata.js';

export interface OperationPolicy {
  readOnly?: boolean;
  allow?: string[];
  deny?: string[];
}

/** Coordinates (`Query.users`) the policy turns off. */
export function disabledOperations(metadata: GeneratedMetadata, policy: OperationPolicy): Set<string> {
  const matches = (list: string[] | undefined, coordinate: string) =>
    Boolean(list?.some((entry) => entry === coordinate || entry === coordinate.split('.')[1]));
  const disabled = new Set<string>();
  for (const coordinate of Object.keys(metadata.operations)) {
    const off = (policy.readOnly && coordinate.startsWith('Mutation.'))
      || (policy.allow && policy.allow.length > 0 && !matches(policy.allow, coordinate))
      || matches(policy.deny, coordinate);
    if (off) disabled.add(coordinate);
  }
  // A workflow field (importUsers) runs a spec operation: off with it, or denied by its own name.
  for (const [coordinate, workflow] of Object.entries(metadata.workflows ?? {})) {
    if (disabled.has(workflow.operation) || matches(policy.deny, coordinate)) disabled.add(coordinate);
  }
  return disabled;
}

export function applyPolicy(schema: GraphQLSchema, disabled: Set<string>): GraphQLSchema {
  if (disabled.size === 0) return schema;
  const filtered = filterSchema({
    schema,
    rootFieldFilter: (type, field) => !disabled.has(`${type}.${field}`),
    fieldFilter: () => true,
  });
  return pruneSchema(filtered);
}
