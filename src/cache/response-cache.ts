/**
 * The cross-request cache of GET responses (DESIGN 6): below the per-request loaders, above the
 * upstream client. Keyed by operation and wire parameters (the request's URL), never by caller:
 * every field is authorised before its fetch, so a cache read happens only for a caller allowed
 * to make that very call. Entries live `ttlMs` at most (less when Auth0 says `max-age`, never
 * with `no-store`), are bounded in number and size, and are dropped at once by the gateway's own
 * writes: a write drops what it may have changed, found by tags.
 *
 * Tags: every entry carries its collection (`c:users`), its resource (`p:/users/auth0|1`) and the
 * ids it contains (`id:auth0|1`: a user inside an organization's members). A write to
 * `/users/auth0|1` drops the users collection's lists, everything under that user, and every list
 * holding it; ids in the write's body (roles assigned) drop what holds them too.
 *
 * The store is an interface so that replicas can share one (Redis); the default keeps entries in
 * this process.
 */

export interface CacheStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs: number, tags: readonly string[]): Promise<void>;
  /** Drops every entry carrying one of the tags; resolves with how many went. */
  invalidate(tags: readonly string[]): Promise<number>;
}

export interface CacheEvents {
  hit(): void;
  miss(): void;
  evict(count: number): void;
}

/** Wire keys whose values identify entities inside responses. */
const ID_KEYS = ['user_id', 'client_id', 'id', 'log_id', 'role_id', 'organization_id', 'connection_id', 'resource_server_id'];
/** Responses larger than this are not kept: a cache of a few huge lists helps no one. */
const MAX_VALUE_CHARS = 256_000;

export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { value: unknown; expires: number; tags: readonly string[] }>();
  private readonly byTag = new Map<string, Set<string>>();

  constructor(private readonly maxEntries = 5_000, private readonly now: () => number = Date.now, private readonly events?: Pick<CacheEvents, 'evict'>) {}

  async get(key: string): Promise<unknown> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.drop(key);
      return undefined;
    }
    // Recently used entries move to the end: eviction takes the oldest first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: unknown, ttlMs: number, tags: readonly string[]): Promise<void> {
    this.drop(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs, tags });
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    let evicted = 0;
    while (this.entries.size > this.maxEntries) {
      this.drop(this.entries.keys().next().value as string);
      evicted++;
    }
    if (evicted > 0) this.events?.evict(evicted);
  }

  async invalidate(tags: readonly string[]): Promise<number> {
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        this.drop(key);
        dropped++;
      }
    }
    return dropped;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

/** What a GET to `path` answered with is tagged with. */
export function responseTags(path: string, body: unknown): string[] {
  const tags = new Set(pathTags(path));
  for (const id of idsIn(body)) tags.add(`id:${id}`);
  return [...tags];
}

/** What a write to `path` (with `body`) may have changed. */
export function writeTags(path: string, body: unknown): string[] {
  const tags = new Set(pathTags(path));
  const segments = path.split('/').filter(Boolean);
  if (segments[1]) tags.add(`id:${decodeURIComponent(segments[1])}`);
  if (segments[3]) tags.add(`id:${decodeURIComponent(segments[3])}`);
  for (const value of stringsIn(body)) tags.add(`id:${value}`);
  return [...tags];
}

function pathTags(path: string): string[] {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const tags = [`c:${segments[0] ?? ''}`];
  if (segments[1]) tags.push(`p:/${segments[0]}/${segments[1]}`);
  return tags;
}

function idsIn(body: unknown): string[] {
  const ids: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 2 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (ID_KEYS.includes(key) && typeof inner === 'string') ids.push(inner);
      else if (Array.isArray(inner)) visit(inner, depth + 1);
    }
  };
  visit(body, 0);
  return ids;
}

/** Strings of a write body one or two levels down (`{ roles: ["rol_1"] }`, `{ users: [...] }`). */
function stringsIn(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const out: string[] = [];
  for (const value of Object.values(body)) {
    if (typeof value === 'string' && value.length < 200) out.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') out.push(item);
  }
  return out;
}

/** Whether a response may be kept, and for how long (Auth0's `Cache-Control` bounds the TTL). */
export function cacheLifetime(ttlMs: number, headers: Record<string, string>, body: unknown): number {
  const control = (headers['cache-control'] ?? '').toLowerCase();
  if (/\b(no-store|no-cache|private)\b/.test(control)) return 0;
  const maxAge = /\bmax-age=(\d+)/.exec(control);
  const bounded = maxAge ? Math.min(ttlMs, Number(maxAge[1]) * 1000) : ttlMs;
  if (bounded <= 0 || body === undefined) return 0;
  return JSON.stringify(body).length > MAX_VALUE_CHARS ? 0 : bounded;
}
