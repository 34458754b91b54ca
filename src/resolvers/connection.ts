/**
 * Relay connections over Auth0's two paginations (DESIGN 5; FACTS A2), one matcher/handler pair
 * each:
 * - offset (`page`/`per_page`): the wanted window [start, start+first) is fetched in as few pages
 *   as possible (one page whenever some page size ≤ 100 holds the whole window); `totalCount`
 *   asks for `include_totals` only when selected;
 * - checkpoint (`from`/`take`, `next`; logs: the last item's id): pages are followed until `first`
 *   items are in hand or a page comes back shorter than asked; cursors remember the page's `from` and the items already returned of it.
 * Endpoints that offer both page by checkpoint (no 1000-result cap) unless `totalCount` is asked
 * for. `first` above the configured cap is refused, not silently cut.
 */
import { GraphQLError, type GraphQLResolveInfo, Kind, getNamedType, isObjectType } from 'graphql';
import type { OperationMetadata } from '../schema/metadata.js';
import type { WireObject } from '../loaders/entity-loader.js';
import { pageBody } from '../loaders/page-body.js';
import type { GatewayContext } from './context.js';
import { type Cursor, decodeCursor, encodeCursor } from './cursor.js';
import { type WireParams, wireParams } from './operation.js';
import { servableRows } from './drift.js';
import { type OffsetWindow, requestedWindow } from './page-index.js';
import { nodeSelections, readsOf, rowReadsForViews, selectedFieldNames, wireFields } from './selection.js';

interface Page {
  items: WireObject[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor?: string;
  totalCount?: number | null;
  /** Index of the first item, for offset windows (page-index.ts). */
  start?: number;
}

export async function resolveConnection(
  operation: OperationMetadata, args: Record<string, unknown>, ctx: GatewayContext, info: GraphQLResolveInfo,
): Promise<unknown> {
  const { limits } = ctx.runtime;
  const first = args.first === undefined || args.first === null ? limits.defaultPageSize : Number(args.first);
  if (!Number.isInteger(first) || first < 0 || first > limits.maxConnectionItems) {
    throw new GraphQLError(`first must be between 0 and ${limits.maxConnectionItems}, got ${String(args.first)}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
    });
  }
  // page/pageSize and last/before (page-index.ts) ask for an offset window; refused before any call when mixed with first/after.
  const window = requestedWindow(operation, args, limits);
  const after = typeof args.after === 'string' ? decodeCursor(args.after) : undefined;
  const wantsTotal = selects(info, 'totalCount');
  const paging = operation.connection!;
  const mode = window ? 'o' : after?.m ?? (paging.checkpoint && !(wantsTotal && paging.offset?.totals) ? 'c' : 'o');
  if ((mode === 'c' && !paging.checkpoint) || (mode === 'o' && !paging.offset)) {
    throw new GraphQLError('This cursor does not belong to this connection.', { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  }

  const params = wireParams(operation, args, info, ctx);
  const nodeType = nodeTypeName(info);
  ctx.gateway.authorize(operation, {
    path: params.path,
    reads: () => (nodeType ? readsOf(ctx, nodeType, info.fieldNodes.flatMap((node) => nodeSelections(node, info)), info) : []),
  });
  const fields = nodeType ? projection(operation, nodeType, ctx, info) : undefined;
  if (fields) params.query[operation.projection!.fields!] = fields.join(',');

  const loader = nodeType ? ctx.gateway.entity(nodeType) : undefined;
  const work = (async () => {
    // `first: 0` asking for neither the total nor pageInfo costs no call; with pageInfo, one item
    // is fetched so that hasNextPage says whether there is one, not a guess.
    const page = window ? await windowPage(operation, params, ctx, window, wantsTotal) : first === 0 && !wantsTotal && !selects(info, 'pageInfo')
      ? { items: [], cursors: [], hasNextPage: false }
      : mode === 'c'
        ? await checkpointPage(operation, params, ctx, first, after as Extract<Cursor, { m: 'c' }> | undefined)
        : await offsetPage(operation, params, ctx, first, (after as Extract<Cursor, { m: 'o' }> | undefined)?.i ?? 0, wantsTotal);
    if (loader) for (const item of page.items) if (item && typeof item === 'object') loader.prime(item, fields ?? 'all');
    return page;
  })();
  // Entity loads issued while the page is on its way wait for it (it may carry them, or lead to
  // more loads that can join the same batch).
  ctx.gateway.lists.add(work);
  const page: Page = await work;
  // A null (or any non-object) row from Auth0 is left out with a warning (drift.ts).
  const { items, cursors } = servableRows(page.items, page.cursors, info, ctx);
  return {
    edges: items.map((node, i) => ({ cursor: cursors[i], node })),
    nodes: items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.start !== undefined ? page.start > 0 : after !== undefined,
      startCursor: cursors[0] ?? null,
      // The page's own last position, even when its last row was left out.
      endCursor: page.endCursor ?? page.cursors[page.cursors.length - 1] ?? null,
    },
    totalCount: page.totalCount ?? null,
  };
}

/** An offset window (page index, or backwards from a cursor or the end). */
async function windowPage(operation: OperationMetadata, params: WireParams, ctx: GatewayContext, window: OffsetWindow, wantsTotal: boolean): Promise<Page> {
  let start: number;
  let count: number;
  let total: number | undefined;
  if ('fromEnd' in window) {
    const offset = operation.connection!.offset!;
    const body = await ctx.gateway.fetch(operation, {
      path: params.path,
      query: { ...params.query, [offset.pageParam]: 0, [offset.perPageParam]: 1, ...(offset.totals === 'include_totals' ? { include_totals: true } : {}) },
    });
    total = pageBody(body, operation).total ?? 0;
    start = Math.max(0, total - window.fromEnd);
    count = total - start;
  } else {
    ({ start, count } = window);
  }
  if (count === 0) return { items: [], cursors: [], hasNextPage: total === undefined, start, ...(wantsTotal ? { totalCount: total ?? null } : {}) };
  return { ...await offsetPage(operation, params, ctx, count, start, wantsTotal), start };
}

/** Offset handler. */
async function offsetPage(
  operation: OperationMetadata, params: WireParams, ctx: GatewayContext, first: number, start: number, wantsTotal: boolean,
): Promise<Page> {
  const offset = operation.connection!.offset!;
  const askTotals = wantsTotal && offset.totals === 'include_totals';
  const plan = planOffset(start, Math.max(first, 1), offset.maxPerPage);
  const pages = await Promise.all(plan.pages.map((page) => ctx.gateway.fetch(operation, {
    path: params.path,
    query: { ...params.query, [offset.pageParam]: page, [offset.perPageParam]: plan.perPage, ...(askTotals ? { include_totals: true } : {}) },
  })));
  let total: number | undefined;
  const all: WireObject[] = [];
  for (const body of pages) {
    const { items, total: t } = pageBody(body, operation);
    all.push(...items);
    if (typeof t === 'number') total = t;
  }
  const from = start - plan.pages[0]! * plan.perPage;
  const items = all.slice(from, from + first);
  const fullPages = pages.length > 0 && pageBody(pages[pages.length - 1], operation).items.length === plan.perPage;
  const hasNextPage = total !== undefined ? start + items.length < total : fullPages || all.length > from + first;
  return {
    items,
    cursors: items.map((_, i) => encodeCursor({ m: 'o', i: start + i + 1 })),
    hasNextPage,
    totalCount: wantsTotal ? (total ?? null) : undefined,
  };
}

/** The fewest pages covering [start, start+count): one page of some size ≤ max when possible. */
export function planOffset(start: number, count: number, max: number): { perPage: number; pages: number[] } {
  for (let perPage = Math.min(count, max); perPage <= max; perPage++) {
    if (Math.floor(start / perPage) === Math.floor((start + count - 1) / perPage)) return { perPage, pages: [Math.floor(start / perPage)] };
  }
  const pages: number[] = [];
  for (let p = Math.floor(start / max); p <= Math.floor((start + count - 1) / max); p++) pages.push(p);
  return { perPage: max, pages };
}

/** Checkpoint handler. */
async function checkpointPage(
  operation: OperationMetadata, params: WireParams, ctx: GatewayContext, first: number, after: Extract<Cursor, { m: 'c' }> | undefined,
): Promise<Page> {
  const checkpoint = operation.connection!.checkpoint!;
  const items: WireObject[] = [];
  const cursors: string[] = [];
  let from = after?.f;
  let skip = after?.s ?? 0;
  let next: string | undefined;
  let leftover = false;
  for (;;) {
    const take = Math.min(checkpoint.maxTake, skip + Math.max(first - items.length, 1));
    const body = await ctx.gateway.fetch(operation, {
      path: params.path,
      query: { ...params.query, ...(from !== undefined ? { [checkpoint.fromParam]: from } : {}), [checkpoint.takeParam]: take },
    });
    const page = pageBody(body, operation).items;
    next = checkpoint.next.kind === 'field'
      ? nonEmpty((body as Record<string, unknown> | null)?.[checkpoint.next.key])
      : page.length === take ? nonEmpty(page[page.length - 1]?.[checkpoint.next.key]) : undefined;
    const fresh = page.slice(skip);
    const used = fresh.slice(0, first - items.length);
    used.forEach((item, i) => {
      items.push(item);
      cursors.push(encodeCursor(from === undefined ? { m: 'c', s: skip + i + 1 } : { m: 'c', f: from, s: skip + i + 1 }));
    });
    leftover = used.length < fresh.length;
    // A page shorter than asked ends the walk: Auth0 keeps `next` on some last pages (organization
    // members), and following it would cost a call to learn the page after is empty. The caller
    // still gets Auth0's `next` as hasNextPage and may follow it.
    if (leftover || items.length >= first || next === undefined || page.length < take) break;
    from = next;
    skip = 0;
  }
  // Resuming after the last item is cheaper from the next page's token when this page is spent.
  const endCursor = !leftover && next !== undefined ? encodeCursor({ m: 'c', f: next, s: 0 }) : undefined;
  if (endCursor && cursors.length > 0) cursors[cursors.length - 1] = endCursor;
  return { items, cursors, hasNextPage: leftover || next !== undefined, ...(endCursor ? { endCursor } : {}) };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) =>
    (s.kind === Kind.FIELD && s.name.value === name)
    || (s.kind === Kind.INLINE_FRAGMENT && s.selectionSet.selections.some((x) => x.kind === Kind.FIELD && x.name.value === name))
    || (s.kind === Kind.FRAGMENT_SPREAD && info.fragments[s.name.value]?.selectionSet.selections.some((x) => x.kind === Kind.FIELD && x.name.value === name))));
}

function nodeTypeName(info: GraphQLResolveInfo): string | undefined {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return undefined;
  const node = getNamedType(connection.getFields().nodes?.type);
  return node && isObjectType(node) ? node.name : undefined;
}

/** `fields=` for the nodes, from what `edges.node` and `nodes` select together. */
function projection(operation: OperationMetadata, nodeType: string, ctx: GatewayContext, info: GraphQLResolveInfo): string[] | undefined {
  if (!operation.projection?.fields) return undefined;
  const selected = new Set<string>();
  const sets = info.fieldNodes.flatMap((node) => nodeSelections(node, info));
  for (const set of sets) {
    const names = selectedFieldNames(info, set);
    if (!names) return undefined;
    names.forEach((n) => selected.add(n));
  }
  // What companions answered from the row need of it (members { user { email } } → email).
  const viewReads = rowReadsForViews(ctx, nodeType, sets, info);
  const fields = wireFields(ctx.runtime.metadata, nodeType, selected, ctx.runtime.propertyNames(nodeType), [...ctx.runtime.requiredKeys(nodeType), ...viewReads]);
  return fields && fields.length > 0 ? fields : undefined;
}

/**
 * A first page answered without its endpoint (the inverse plan): offset cursors, as the endpoint's
 * own, so `after` continues on the endpoint itself.
 */
export function connectionOfAll(items: WireObject[]): unknown {
  const cursors = items.map((_, i) => encodeCursor({ m: 'o', i: i + 1 }));
  return {
    edges: items.map((node, i) => ({ cursor: cursors[i], node })),
    nodes: items,
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
    totalCount: items.length,
  };
}
