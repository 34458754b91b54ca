/**
 * Page-index and backward paging over offset-paged lists (issue 13), beside Relay's `first`/`after`:
 * - `page`/`pageSize`: the window [page × pageSize, (page + 1) × pageSize), 0-based as Auth0's `page`;
 * - `last`/`before`: the `last` items before a cursor, or the last items of the list (which needs
 *   its total first: one more call).
 * The three styles do not mix (a clear BAD_USER_INPUT before any call); checkpoint cursors cannot
 * be walked backwards, so `before` takes offset cursors only.
 */
import { GraphQLError } from 'graphql';
import type { OperationMetadata } from '../schema/metadata.js';
import type { RuntimeLimits } from './runtime.js';
import { decodeCursor } from './cursor.js';

/** An offset window, or `fromEnd` items counted back from the list's end (its start found once the total is known). */
export type OffsetWindow = { start: number; count: number } | { fromEnd: number };

const given = (value: unknown): boolean => value !== undefined && value !== null;

function refuse(message: string, argument: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** The window the page-index or backward arguments ask for; undefined for plain `first`/`after` paging. */
export function requestedWindow(operation: OperationMetadata, args: Record<string, unknown>, limits: RuntimeLimits): OffsetWindow | undefined {
  const pageStyle = given(args.page) || given(args.pageSize);
  const backward = given(args.last) || given(args.before);
  if (!pageStyle && !backward) return undefined;
  const forward = given(args.first) || given(args.after);
  if (pageStyle && (forward || backward)) {
    refuse('page/pageSize cannot be combined with first/after/last/before: page by index or by cursor, not both.', given(args.page) ? 'page' : 'pageSize');
  }
  if (backward && forward) refuse('last/before cannot be combined with first/after: page forwards or backwards, not both.', given(args.last) ? 'last' : 'before');
  if (!operation.connection?.offset) refuse('This list pages by checkpoint only: it can be walked forwards with first/after, not by page index or backwards.', pageStyle ? 'page' : 'last');

  const count = (name: 'pageSize' | 'last'): number => {
    if (!given(args[name])) return limits.defaultPageSize;
    const value = Number(args[name]);
    if (!Number.isInteger(value) || value < 1 || value > limits.maxConnectionItems) refuse(`${name} must be between 1 and ${limits.maxConnectionItems}, got ${String(args[name])}`, name);
    return value;
  };
  if (pageStyle) {
    const page = given(args.page) ? Number(args.page) : 0;
    if (!Number.isInteger(page) || page < 0) refuse(`page must be 0 or more (pages count from 0), got ${String(args.page)}`, 'page');
    const size = count('pageSize');
    return { start: page * size, count: size };
  }
  const last = count('last');
  if (!given(args.before)) {
    if (!operation.connection.offset.totals) refuse('last without before needs the list\'s total, which this endpoint cannot count: pass before.', 'last');
    return { fromEnd: last };
  }
  const cursor = decodeCursor(String(args.before));
  if (cursor.m !== 'o') refuse('before takes an offset cursor (from a page fetched by index, first/after with totalCount, or last/before); a checkpoint cursor cannot be walked backwards.', 'before');
  // An offset cursor holds the index after its item: the item itself is at i - 1.
  const end = Math.max(0, cursor.i - 1);
  const start = Math.max(0, end - last);
  return { start, count: end - start };
}
