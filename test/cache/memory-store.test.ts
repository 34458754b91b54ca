import { describe, expect, it } from 'vitest';
import { cacheLifetime, MemoryCacheStore, responseTags, writeTags } from '../../src/cache/response-cache.js';

describe('the in-memory cache store', () => {
  it('keeps an entry for its lifetime, by an injected clock', async () => {
    let now = 1_000;
    const store = new MemoryCacheStore(10, () => now);
    await store.set('a', 'A', 500, []);
    expect(await store.get('a')).toBe('A');
    now += 499;
    expect(await store.get('a')).toBe('A');
    now += 1;
    expect(await store.get('a')).toBeUndefined();
  });

  it('pushes out the least recently used entry past its size, and says so', async () => {
    let evicted = 0;
    const store = new MemoryCacheStore(2, Date.now, { evict: (n) => { evicted += n; } });
    await store.set('a', 1, 60_000, []);
    await store.set('b', 2, 60_000, []);
    await store.get('a');
    await store.set('c', 3, 60_000, []);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([1, undefined, 3]);
    expect(evicted).toBe(1);
  });

  it('drops by tag what a write may have changed', async () => {
    const store = new MemoryCacheStore();
    await store.set('user', 'u', 60_000, responseTags('/users/auth0%7C1', { user_id: 'auth0|1' }));
    await store.set('members', 'm', 60_000, responseTags('/organizations/org_1/members', [{ user_id: 'auth0|1' }, { user_id: 'auth0|2' }]));
    await store.set('roles', 'r', 60_000, responseTags('/roles', [{ id: 'rol_1' }]));
    expect(await store.invalidate(writeTags('/users/auth0%7C1', { nickname: 'x' }))).toBe(2);
    expect([await store.get('user'), await store.get('members'), await store.get('roles')]).toEqual([undefined, undefined, 'r']);
    expect(await store.invalidate(writeTags('/users/auth0%7C2/roles', { roles: ['rol_1'] }))).toBe(1);
  });
});

describe('how long a response may be kept', () => {
  it.each([
    [{}, 15_000],
    [{ 'cache-control': 'max-age=5' }, 5_000],
    [{ 'cache-control': 'no-store' }, 0],
    [{ 'cache-control': 'private, max-age=60' }, 0],
  ])('%j → %i ms', (headers, ms) => {
    expect(cacheLifetime(15_000, headers as Record<string, string>, { ok: true })).toBe(ms);
  });

  it('not at all when empty or over the size bound', () => {
    expect(cacheLifetime(15_000, {}, undefined)).toBe(0);
    expect(cacheLifetime(15_000, {}, 'x'.repeat(300_000))).toBe(0);
  });
});
