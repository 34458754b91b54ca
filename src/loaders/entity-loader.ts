/**
 * Per-request entity loaders (DESIGN 6). One per entity type (`User`, `Client` …), keyed by id:
 * - dedupe: every load of one id in a request shares one fetch (DataLoader);
 * - priming: list and mutation results are stored with the wire fields they carry, and a later
 *   load is answered from them when they cover the fields it needs;
 * - batching: users by id go through one search, `q=user_id:("a" OR "b" …)`, per 50 ids (ids the
 *   eventually consistent search misses are fetched one by one); resource servers looked up by
 *   audience go through `identifiers` (10 a call); entities that can be listed with a total are
 *   found by walking the list when that takes fewer calls (see `walk`); the rest are fetched
 *   concurrently, under the upstream client's concurrency bound.
 */
import DataLoader from 'dataloader';
import type { OperationMetadata } from '../schema/metadata.js';
import { InFlightLists } from './in-flight-lists.js';
import { pageBody } from './page-body.js';
import { anyOf, chunkIds } from './lucene.js';

export type WireObject = Record<string, unknown>;

/** Fewer ids than this are fetched one by one rather than by walking the list. */
const LIST_WALK_MIN = 3;
export type Fetch = (operation: OperationMetadata, params: { path?: Record<string, string>; query?: Record<string, unknown> }) => Promise<unknown>;

export interface EntitySpec {
  type: string;
  /** Wire key the loader is keyed by: the id (`user_id`), or another unique key the get accepts (`identifier`). */
  key: string;
  get: OperationMetadata;
  /** How several ids are fetched at once, where the API allows it. */
  batch?: { kind: 'user-search'; list: OperationMetadata } | { kind: 'identifiers'; list: OperationMetadata; by: string }
    | { kind: 'list-walk'; list: OperationMetadata };
}

interface Cached {
  value: WireObject;
  fields: Set<string> | 'all';
}

export class EntityLoader {
  private readonly cache = new Map<string, Cached>();
  private readonly loader: DataLoader<string, WireObject>;
  /** Fields asked for, per id, by loads waiting in the current batch. */
  private readonly wanted = new Map<string, string[] | 'all'>();

  constructor(
    private readonly spec: EntitySpec,
    private readonly fetch: Fetch,
    private readonly observe?: (size: number) => void,
    /** The request's lists on their way: a batch is held open until they have arrived. */
    private readonly lists: InFlightLists = new InFlightLists(),
  ) {
    this.loader = new DataLoader((ids) => this.fetchMany(ids), {
      maxBatchSize: 500,
      // Loads made while the request's lists arrive join this batch rather than the next.
      batchScheduleFn: (dispatch) => void this.lists.settled().then(() => setImmediate(dispatch)),
    });
  }

  /** The entity, from cache when cached fields cover `fields` (undefined = every field). */
  async load(id: string, fields?: string[]): Promise<WireObject> {
    const hit = this.covering(id, fields);
    if (hit) return hit;
    const previous = this.wanted.get(id);
    const entry = previous === 'all' || fields === undefined ? 'all' : [...(previous ?? []), ...fields];
    this.wanted.set(id, entry);
    try {
      return await this.loader.load(id);
    } finally {
      // Answered by a batch, the entry was taken by fetchMany; answered from DataLoader's own cache
      // (the id's batch already on its way, or failed), nothing takes it: drop it here, unless a
      // later load has put its own.
      if (this.wanted.get(id) === entry) this.wanted.delete(id);
    }
  }

  /** Loads waiting for a batch (for tests: nothing may stay once every load has settled). */
  waiting(): number {
    return this.wanted.size;
  }

  /** Registers a list fetch that will prime this loader: loads issued meanwhile wait for it. */
  expect(list: Promise<unknown>): void {
    this.lists.add(list);
  }

  private covering(id: string, fields: string[] | undefined): WireObject | undefined {
    const hit = this.cache.get(id);
    if (hit && (hit.fields === 'all' || (fields !== undefined && fields.every((f) => (hit.fields as Set<string>).has(f))))) return hit.value;
    return undefined;
  }

  /** Stores a result seen elsewhere (a list page, a mutation's answer) with the fields it carries. */
  prime(value: WireObject, fields: string[] | 'all'): void {
    const id = value[this.spec.key];
    if (typeof id !== 'string') return;
    const known = this.cache.get(id);
    if (known?.fields === 'all' && fields !== 'all') {
      Object.assign(known.value, value);
      return;
    }
    const merged = known && fields !== 'all' && known.fields !== 'all' ? new Set([...known.fields, ...fields]) : undefined;
    this.cache.set(id, {
      value: known && fields !== 'all' ? { ...known.value, ...value } : value,
      fields: merged ?? (fields === 'all' ? 'all' : new Set(fields)),
    });
  }

  clear(id: string): void {
    this.cache.delete(id);
    this.loader.clear(id);
  }

  private async fetchMany(all: readonly string[]): Promise<Array<WireObject | Error>> {
    this.observe?.(all.length);
    // A list already on its way may carry these ids (the 50 users listed, then asked for by id).
    await this.lists.settled();
    const wanted = new Map(all.map((id) => [id, this.wanted.get(id)]));
    all.forEach((id) => this.wanted.delete(id));
    const primed = new Map(all.map((id) => {
      const fields = wanted.get(id);
      return [id, this.covering(id, fields === 'all' ? undefined : fields)];
    }));
    const ids = all.filter((id) => !primed.get(id));
    // A value answered from a primed list may lack fields a later load needs: do not let
    // DataLoader's own cache keep it.
    for (const id of all) if (primed.get(id)) this.loader.clear(id);
    const fetched = await this.fetchIds(ids);
    const byId = new Map(ids.map((id, i) => [id, fetched[i]!]));
    for (const [id, value] of byId) if (!(value instanceof Error)) this.cache.set(id, { value, fields: 'all' });
    return all.map((id) => primed.get(id) ?? byId.get(id)!);
  }

  private async fetchIds(ids: readonly string[]): Promise<Array<WireObject | Error>> {
    if (ids.length === 0) return [];
    const { batch } = this.spec;
    if (ids.length === 1 || !batch) return Promise.all(ids.map((id) => this.fetchOne(id)));
    const found = new Map<string, WireObject>();
    if (batch.kind === 'user-search') {
      // Sorted: the same ids make the same searches whatever order they arrived in, so the
      // cross-request cache recognises them.
      await Promise.all(chunkIds([...ids].sort()).map(async (chunk) => {
        const page = await this.fetch(batch.list, {
          query: { q: anyOf('user_id', chunk), search_engine: 'v3', per_page: 100, page: 0 },
        });
        for (const user of Array.isArray(page) ? page as WireObject[] : []) found.set(String(user[this.spec.key]), user);
      }));
    } else if (batch.kind === 'list-walk') {
      if (ids.length < LIST_WALK_MIN) return Promise.all(ids.map((id) => this.fetchOne(id)));
      await this.walk(batch.list, ids, found);
    } else {
      const chunks: string[][] = [];
      const sorted = [...ids].sort();
      for (let i = 0; i < sorted.length; i += 10) chunks.push(sorted.slice(i, i + 10));
      await Promise.all(chunks.map(async (chunk) => {
        const page = await this.fetch(batch.list, { query: { [batch.by]: chunk } });
        for (const item of Array.isArray(page) ? page as WireObject[] : []) found.set(String(item[this.spec.key]), item);
      }));
    }
    // A miss is not proof of absence (search is eventually consistent): ask for it by id.
    return Promise.all(ids.map((id) => found.get(id) ?? this.fetchOne(id)));
  }

  /**
   * Ids of an entity with no batch endpoint (clients): the list's first page, with its total,
   * often holds them all (a 25-client tenant is one call); the rest of the list is walked only
   * when its pages are fewer than the ids still missing, which are otherwise fetched one by one.
   * At worst that is twice the one-by-one calls, which the query cost counts.
   */
  private async walk(list: OperationMetadata, ids: readonly string[], found: Map<string, WireObject>): Promise<void> {
    const offset = list.connection!.offset!;
    const page = async (n: number) => {
      const body = await this.fetch(list, { query: { [offset.pageParam]: n, [offset.perPageParam]: offset.maxPerPage, include_totals: true } });
      const { items, total } = pageBody(body, list);
      for (const item of items) found.set(String(item[this.spec.key]), item);
      return total;
    };
    try {
      const total = await page(0);
      const missing = ids.filter((id) => !found.has(id)).length;
      const pagesLeft = total === undefined ? Number.POSITIVE_INFINITY : Math.ceil(total / offset.maxPerPage) - 1;
      if (missing > 0 && pagesLeft < missing) await Promise.all(Array.from({ length: pagesLeft }, (_, i) => page(i + 1)));
    } catch {
      // A list that cannot be walked (a page cap, a refusal): what is missing is fetched by id.
    }
  }

  private async fetchOne(id: string): Promise<WireObject | Error> {
    try {
      const idParam = Object.values(this.spec.get.args).find((a) => a.in === 'path')!.wire;
      return (await this.fetch(this.spec.get, { path: { [idParam]: id } })) as WireObject;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
