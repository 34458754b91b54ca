/**
 * Redis connections for shared state: commands fail fast rather than queue while Redis is away
 * (a request must never wait on it), but a connection still being opened is given a moment, so
 * a cold replica's first commands are not lost to start-up.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// ioredis is loaded with the first connection, not with the gateway's modules: a gateway without
// Redis (the default, and every `npm start` on the emulator) never pays for loading it.
const load = createRequire(import.meta.url);

export function connectRedis(url: string, keyPrefix: string, commandTimeoutMs: number): Redis {
  const { Redis: Client } = load('ioredis') as typeof import('ioredis');
  // `rediss://` URLs connect with TLS; credentials ride in the URL and are never logged here.
  const redis = new Client(url, {
    keyPrefix,
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Failures show through the stores' health, never as thrown events.
  redis.on('error', () => undefined);
  return redis;
}

/** Waits up to `ms` for a connection that is being opened; returns at once otherwise. */
export async function settled(redis: Redis, ms = 500): Promise<void> {
  if (redis.status !== 'connecting' && redis.status !== 'connect' && redis.status !== 'wait') return;
  const timer = new AbortController();
  const wait = setTimeout(() => timer.abort(), ms);
  try {
    await once(redis, 'ready', { signal: timer.signal });
  } catch {
    // Not ready in time: the command that follows fails fast, as it would with Redis away.
  } finally {
    clearTimeout(wait);
  }
}
