/**
 * The shared 429 pause in Redis (see upstream/shared-throttle.ts): a replica that meets a 429
 * stores the reset time under the tenant's key and publishes it; every replica keeps the latest
 * in memory from the channel (and reads the key when it connects), so checking it before a call
 * costs nothing. Redis away: each replica goes by its own 429s, as without it.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedThrottle } from '../upstream/shared-throttle.js';
import { connectRedis } from './redis-connection.js';

export class RedisThrottle implements SharedThrottle {
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly key: string;
  private readonly channel: string;
  private until = 0;

  constructor(options: { url: string; keyPrefix: string; origin: string }) {
    const id = createHash('sha256').update(options.origin).digest('hex').slice(0, 32);
    this.key = `pause:${id}`;
    this.commands = connectRedis(options.url, options.keyPrefix, 250);
    this.subscriber = connectRedis(options.url, options.keyPrefix, 250);
    const channel = `${options.keyPrefix}${this.key}`;
    this.subscriber.on('message', (_channel: string, message: string) => this.learn(Number(message)));
    this.subscriber.on('ready', () => {
      void this.subscriber.subscribe(channel).catch(() => undefined);
    });
    this.commands.on('ready', () => {
      void this.commands.get(this.key).then((value) => this.learn(Number(value)), () => undefined);
    });
    this.channel = channel;
  }

  pausedUntil(): number {
    return this.until;
  }

  pause(until: number): void {
    this.learn(until);
    const ttl = Math.max(1, Math.round(until - Date.now()));
    // Fire and forget: the local pause holds this replica whatever Redis answers.
    void this.commands.multi().set(this.key, String(until), 'PX', ttl).exec().catch(() => undefined);
    void this.commands.publish(this.channel, String(until)).catch(() => undefined);
  }

  private learn(until: number): void {
    if (Number.isFinite(until) && until > this.until) this.until = until;
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.commands.disconnect();
  }
}
