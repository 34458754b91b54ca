/**
 * The tenant's pace shared by every replica (see upstream/tenant-rate.ts): the next free slot is
 * one number in Redis, moved by a script run atomically against Redis's own clock, so replicas
 * with skewed clocks still share one schedule. Redis away: each replica paces itself alone.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LocalTenantRate, type TenantRate } from '../upstream/tenant-rate.js';
import { connectRedis } from './redis-connection.js';

const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(slot + interval - now + 1000))
return math.floor(slot - now)
`;

export class RedisTenantRate implements TenantRate {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly interval: number;
  private readonly fallback: LocalTenantRate;

  constructor(options: { url: string; keyPrefix: string; origin: string; perSecond: number }) {
    this.redis = connectRedis(options.url, options.keyPrefix, 250);
    this.key = `pace:${createHash('sha256').update(options.origin).digest('hex').slice(0, 32)}`;
    this.interval = 1000 / options.perSecond;
    this.fallback = new LocalTenantRate(options.perSecond);
  }

  async reserve(): Promise<number> {
    try {
      return Number(await this.redis.eval(RESERVE, 1, this.key, String(this.interval)));
    } catch {
      return this.fallback.reserve();
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
