/**
 * The shared client-credentials token in Redis (see upstream/shared-token.ts): one key per tenant
 * and client holding the token and its expiry (PX), and a short lock that only its holder may
 * release. The key names the tenant and client by a hash, never the secret; the token itself is in
 * Redis, which the deployment must treat as holding secrets, and is never logged.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis, settled } from './redis-connection.js';
import type { SharedTokenStore } from '../upstream/shared-token.js';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisTokenStore implements SharedTokenStore {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly lockKey: string;
  private readonly holder = randomUUID();

  constructor(options: { url: string; keyPrefix: string; origin: string; clientId: string; audience: string }) {
    this.redis = connectRedis(options.url, options.keyPrefix, 500);
    const id = createHash('sha256').update(`${options.origin}\n${options.clientId}\n${options.audience}`).digest('hex').slice(0, 32);
    this.key = `token:${id}`;
    this.lockKey = `token-lock:${id}`;
  }

  async read(): Promise<{ token: string; expiresAt: number } | undefined> {
    await settled(this.redis);
    const raw = await this.redis.get(this.key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { token?: unknown; expiresAt?: unknown };
    return typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number' ? { token: parsed.token, expiresAt: parsed.expiresAt } : undefined;
  }

  async write(token: string, expiresAt: number): Promise<void> {
    const ttl = Math.max(1, Math.round(expiresAt - Date.now()));
    await this.redis.set(this.key, JSON.stringify({ token, expiresAt }), 'PX', ttl);
  }

  async lock(ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.lockKey, this.holder, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async unlock(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.lockKey, this.holder);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
