/**
 * A list endpoint's answer, whatever its shape (FACTS A2): a bare array, or a page object holding
 * the items under the operation's key, with `total` when the API counted them.
 */
import type { OperationMetadata } from '../schema/metadata.js';
import type { WireObject } from './entity-loader.js';

export function pageBody(body: unknown, operation: OperationMetadata): { items: WireObject[]; total?: number } {
  if (Array.isArray(body)) return { items: body as WireObject[] };
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const key = operation.connection?.itemsKey;
    const items = key && Array.isArray(record[key]) ? record[key] as WireObject[] : [];
    return { items, ...(typeof record.total === 'number' ? { total: record.total } : {}) };
  }
  return { items: [] };
}
