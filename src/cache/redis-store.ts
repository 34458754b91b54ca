/**
 * The cross-request cache in Redis, shared by every replica (DESIGN 11): a write through one
 * replica drops the entries in the one shared store, so the next read through any replica
 * fetches afresh. Entries are strings with a TTL (`SET … PX`); each tag is a set of the keys that
 * carry it, living as long as its longest entry.
 *
 * Redis failing never fails a request: commands time out quickly and are not queued while Redis
 * is away, so a read is a miss and a write's invalidation is skipped (entries written before the
 * outage then live out their TTL). `healthy()` tells `/readyz` and the metrics which it is.
 */
import type { Redis } from 'ioredis';
import { connectRedis, settled } from '../shared/redis-connection.js';
import type { CacheStore } from './response-cache.js';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several gateways (or tenants) can share one Redis. */
  keyPrefix: string;
  /** How long one command may take before it counts as a failure. */
  commandTimeoutMs?: number;
  /** The longest an entry lives: tag sets live this long after their latest entry. */
  maxTtlMs: number;
}

export class RedisCacheStore implements CacheStore {
  private readonly redis: Redis;
  private readonly maxTtlMs: number;
  private ok = false;

  constructor(options: RedisStoreOptions) {
    this.maxTtlMs = Math.max(1, Math.round(options.maxTtlMs));
    this.redis = connectRedis(options.url, options.keyPrefix, options.commandTimeoutMs ?? 250);
    this.redis.on('ready', () => { this.ok = true; });
    this.redis.on('close', () => { this.ok = false; });
    this.redis.on('error', () => { this.ok = false; });
  }

  /** Whether Redis answers now. */
  healthy(): boolean {
    return this.ok;
  }

  async get(key: string): Promise<unknown> {
    await settled(this.redis);
    return (await this.redis.get(`c:${key}`)) ?? undefined;
  }

  async set(key: string, value: unknown, ttlMs: number, tags: readonly string[]): Promise<void> {
    const multi = this.redis.multi().set(`c:${key}`, String(value), 'PX', Math.max(1, Math.round(ttlMs)));
    // A tag outlives every entry it names (no entry lives longer than maxTtlMs).
    for (const tag of tags) multi.sadd(`t:${tag}`, key).pexpire(`t:${tag}`, this.maxTtlMs);
    await multi.exec();
  }

  async invalidate(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    const members = await Promise.all(tags.map((tag) => this.redis.smembers(`t:${tag}`)));
    const keys = [...new Set(members.flat())];
    const multi = this.redis.multi();
    if (keys.length > 0) multi.del(...keys.map((k) => `c:${k}`));
    multi.del(...tags.map((t) => `t:${t}`));
    const results = await multi.exec();
    const deleted = keys.length > 0 ? results?.[0]?.[1] : 0;
    return typeof deleted === 'number' ? deleted : 0;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
