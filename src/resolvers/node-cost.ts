/** What `node`, `nodes` and `me` (node.ts) load, for the query cost: one entity lookup per id, by its type. */
import { tryDecodeNodeId } from './node-id.js';

/** Entity types looked up by one of these root fields (an undecodable id costs nothing: it is refused first); undefined for other fields. */
export function nodeLookups(field: string, args: Record<string, unknown>): string[] | undefined {
  const typeOf = (id: unknown) => tryDecodeNodeId(id)?.type;
  if (field === 'node') return [typeOf(args.id)].filter((t): t is string => t !== undefined);
  if (field === 'nodes') return (Array.isArray(args.ids) ? args.ids : []).map(typeOf).filter((t): t is string => t !== undefined);
  if (field === 'me') return ['User'];
  return undefined;
}
