/**
 * List operations → Relay connections (DESIGN 5; FACTS A2).
 *
 * Auth0 pages two ways: offset (`page`, `per_page`, `include_totals`) and checkpoint (`from`,
 * `take`, answered with `next`). A list endpoint's 200 response is a oneOf of the shapes those
 * arguments select (bare array / `{start, limit, total, <items>}` / `{next, <items>}`); this step
 * recognises them all and records, per operation, how the runtime reaches every page and where
 * the items are. `/logs` pages by checkpoint with the last item's `log_id` as `from` and no `next`.
 */
import type { JsonSchema, Operation, OpenApiDocument } from './spec.js';
import { resolve } from './spec.js';

export interface OffsetPaging {
  pageParam: string;
  perPageParam: string;
  maxPerPage: number;
  /** Query parameter asking for totals, or `always` when the page object always carries them. */
  totals?: string;
}

export interface CheckpointPaging {
  fromParam: string;
  takeParam: string;
  maxTake: number;
  /** Where the next `from` comes from: the response's `next`, or a key of the last item (logs). */
  next: { kind: 'field'; key: string } | { kind: 'lastItem'; key: string };
}

export interface ListShape {
  item: JsonSchema;
  /** Key of the array inside page objects (absent when every shape is a bare array). */
  itemsKey?: string;
  offset?: OffsetPaging;
  checkpoint?: CheckpointPaging;
  /** Parameter names consumed by first/after; they are not separate arguments. */
  consumed: string[];
}

const PAGE_META = new Set(['start', 'limit', 'length', 'total', 'next', 'page', 'per_page']);

export function detectList(doc: OpenApiDocument, op: Operation, response: JsonSchema | undefined): ListShape | undefined {
  if (!response) return undefined;
  const params = new Map((op.parameters ?? []).map((p) => [p.name, p]));
  const hasOffset = params.has('page') && params.has('per_page');
  const hasCheckpoint = params.has('from') && params.has('take');
  if (!hasOffset && !hasCheckpoint) return undefined;

  const shapes = flattenChoice(doc, response);
  let item: JsonSchema | undefined;
  let itemsKey: string | undefined;
  let hasNext = false;
  let alwaysTotals = false;
  for (const shape of shapes) {
    const types = Array.isArray(shape.type) ? shape.type : [shape.type];
    if (types.includes('array') && shape.items) {
      item ??= shape.items;
      continue;
    }
    const props = shape.properties ?? {};
    const arrays = Object.entries(props).filter(([key, s]) => !PAGE_META.has(key) && resolve(doc, s).type === 'array');
    if (arrays.length !== 1) return undefined;
    const [key, arraySchema] = arrays[0]!;
    itemsKey ??= key;
    if (itemsKey !== key) return undefined;
    item ??= resolve(doc, arraySchema).items;
    if ('next' in props) hasNext = true;
    if ('total' in props && !params.has('include_totals')) alwaysTotals = true;
  }
  if (!item) return undefined;

  const max = (name: string, fallback: number): number => {
    const schema = params.get(name)?.schema;
    return typeof schema?.maximum === 'number' ? schema.maximum : fallback;
  };
  const consumed: string[] = [];
  const shape: ListShape = { item, consumed, ...(itemsKey ? { itemsKey } : {}) };
  if (hasOffset) {
    const totals = params.has('include_totals') ? 'include_totals' : alwaysTotals ? 'always' : undefined;
    shape.offset = { pageParam: 'page', perPageParam: 'per_page', maxPerPage: max('per_page', 100), ...(totals ? { totals } : {}) };
    consumed.push('page', 'per_page', ...(params.has('include_totals') ? ['include_totals'] : []));
  }
  if (hasCheckpoint) {
    const lastItemKey = !hasNext ? idKeyOf(doc, item) : undefined;
    if (hasNext || lastItemKey) {
      shape.checkpoint = {
        fromParam: 'from', takeParam: 'take', maxTake: max('take', 100),
        next: hasNext ? { kind: 'field', key: 'next' } : { kind: 'lastItem', key: lastItemKey! },
      };
      consumed.push('from', 'take');
    }
  }
  if (!shape.offset && !shape.checkpoint) return undefined;
  return shape;
}

function flattenChoice(doc: OpenApiDocument, schema: JsonSchema): JsonSchema[] {
  const resolved = resolve(doc, schema);
  const choice = resolved.oneOf ?? resolved.anyOf;
  return choice ? choice.flatMap((m) => flattenChoice(doc, m)) : [resolved];
}

/** The id property of a list item, used as the checkpoint when the response has no `next` (logs). */
function idKeyOf(doc: OpenApiDocument, item: JsonSchema): string | undefined {
  const props = Object.keys(resolve(doc, item).properties ?? {});
  return props.find((k) => k === 'log_id') ?? props.find((k) => k === 'id');
}
