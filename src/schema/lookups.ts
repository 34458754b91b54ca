/**
 * Single-object lookups by a list filter (issue 15): `connectionByName(name:)` answers one
 * connection found through `GET /connections?name=…`, the way go-auth0's ReadByName does, instead
 * of a one-item connection. A lookup is declared here by the list operation and its filter; its
 * type is whatever the entity's get-by-id field returns, so renames elsewhere carry over.
 */
import type { FieldModel } from './model.js';
import type { LookupMetadata, OperationMetadata } from './metadata.js';
import type { RootFields } from './operations.js';

interface LookupRule {
  /** The root field added. */
  field: string;
  /** The list operation that filters (operationId) and the get-by-id whose type the field returns. */
  list: string;
  get: string;
  /** The list's query parameter (wire name) and the item property it must equal. */
  filter: string;
  description: string;
}

const RULES: LookupRule[] = [
  {
    field: 'connectionByName', list: 'get_connections', get: 'get_connections_by_id', filter: 'name',
    description: 'The connection with this exact name, or null: one `GET /connections?name=…` (go-auth0 ReadByName). The answer primes the connection loader, so a following `connection(id:)` costs no call.\n\nRequires any of the scopes: read:connections.',
  },
];

/** Adds each lookup field to the Query root; returns their metadata by coordinate. */
export function buildLookups(root: RootFields): Record<string, LookupMetadata> {
  const byOperationId = new Map<string, OperationMetadata>(Object.values(root.operations).map((o) => [o.operationId, o]));
  const out: Record<string, LookupMetadata> = {};
  for (const rule of RULES) {
    const list = byOperationId.get(rule.list);
    const get = byOperationId.get(rule.get);
    const arg = list && Object.entries(list.args).find(([, a]) => a.wire === rule.filter && a.in === 'query')?.[0];
    if (!list || !get || !arg || list.result !== 'connection') continue;
    const field: FieldModel = { name: rule.field, type: get.returns, description: rule.description, args: [{ name: arg, type: 'String!', description: `Exact ${rule.filter} to look up.` }] };
    root.query.push(field);
    out[`Query.${rule.field}`] = { coordinate: `Query.${rule.field}`, list: list.coordinate, arg, filter: rule.filter, returns: get.returns };
  }
  return out;
}
