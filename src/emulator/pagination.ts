/**
 * Listing exactly as Auth0 pages (FACTS A2):
 * - offset: `page` (from 0), `per_page` (≤ 100), `include_totals` → `{ start, limit, [length,] total, <key> }`,
 *   else a bare array; `/users` stops at 1,000 results;
 * - checkpoint: `from` (opaque) and `take` (≤ 100) → `{ <key>, next }`, `next` absent on the last page.
 */
import { badRequest } from './errors.js';

export interface ListOptions {
  key: string;
  /** Page objects of /users and /logs also carry `length`. */
  withLength?: boolean;
  checkpoint?: boolean;
  offset?: boolean;
  defaultPerPage?: number;
  /** Most results offset paging may reach (users: 1000). */
  maxResults?: number;
  maxTake?: number;
  /** Auth0 keeps `next` on the last checkpoint page of some lists (spec/overlays: x-auth0-checkpoint-next-on-last-page). */
  nextOnLastPage?: boolean;
}

function intParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`Query validation error: '${name}' must be an integer between ${min} and ${max}, got '${raw}'.`, 'invalid_query_string');
  }
  return value;
}

function encodeNext(index: number): string {
  return Buffer.from(JSON.stringify({ i: index })).toString('base64url');
}

function decodeNext(from: string): number {
  try {
    const { i } = JSON.parse(Buffer.from(from, 'base64url').toString('utf8')) as { i: unknown };
    if (Number.isInteger(i) && (i as number) >= 0) return i as number;
  } catch {
    // fall through
  }
  throw badRequest('Query validation error: invalid value for `from`.', 'invalid_query_string');
}

export function paginate(items: unknown[], query: URLSearchParams, options: ListOptions): unknown {
  const checkpoint = options.checkpoint && (query.has('from') || query.has('take'));
  if (checkpoint) {
    const take = intParam(query, 'take', 1, options.maxTake ?? 100) ?? 50;
    const from = query.get('from');
    const start = from ? decodeNext(from) : 0;
    const page = items.slice(start, start + take);
    const more = start + take < items.length || (options.nextOnLastPage === true && page.length > 0);
    return { [options.key]: page, ...(more ? { next: encodeNext(start + page.length) } : {}) };
  }
  const perPage = intParam(query, 'per_page', 0, 100) ?? options.defaultPerPage ?? 50;
  const page = intParam(query, 'page', 0, 100_000) ?? 0;
  const start = page * perPage;
  if (options.maxResults !== undefined && start + perPage > options.maxResults) {
    throw badRequest(`Requesting page ${page} exceeds the allowed maximum of ${options.maxResults} records. To fetch results beyond ${options.maxResults}, use the checkpoint pagination method.`, 'invalid_paging');
  }
  const slice = items.slice(start, start + perPage);
  if (query.get('include_totals') !== 'true') return slice;
  return {
    start, limit: perPage, ...(options.withLength ? { length: slice.length } : {}),
    total: options.maxResults !== undefined ? Math.min(items.length, options.maxResults) : items.length, [options.key]: slice,
  };
}

/** `fields` / `include_fields` projection (FACTS A6): names outside the allowed set are a 400. */
export function project<T extends Record<string, unknown>>(item: T, query: URLSearchParams, allowed?: Set<string>): Partial<T> {
  const raw = query.get('fields');
  if (!raw) return item;
  const names = raw.split(',');
  if (allowed) {
    for (const name of names) {
      if (!allowed.has(name)) {
        throw badRequest(`Query validation error: 'String '${raw}' does not match pattern. Must be a comma separated list of the following values: ${[...allowed].join(',')}' on property fields`, 'invalid_query_string');
      }
    }
  }
  const include = query.get('include_fields') !== 'false';
  const set = new Set(names);
  return Object.fromEntries(Object.entries(item).filter(([k]) => set.has(k) === include)) as Partial<T>;
}
