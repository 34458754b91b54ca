import { describe, expect, it } from 'vitest';
import { EntityLoader, type Fetch, type WireObject } from '../../src/loaders/entity-loader.js';
import type { OperationMetadata } from '../../src/schema/metadata.js';

const get = { operationId: 'get_users_by_id', method: 'GET', path: '/users/{id}', args: { id: { wire: 'id', in: 'path' } } } as unknown as OperationMetadata;
const list = { operationId: 'get_users', method: 'GET', path: '/users', args: {} } as unknown as OperationMetadata;

/** A fake upstream recording every call, answering from a fixed user table. */
function recorder(users: WireObject[], searchMisses: string[] = []) {
  const calls: Array<{ op: string; path?: Record<string, string>; query?: Record<string, unknown> }> = [];
  const fetch: Fetch = async (operation, params) => {
    calls.push({ op: operation.operationId, ...params });
    if (operation === list) {
      const q = String(params.query?.q);
      return users.filter((u) => q.includes(`"${String(u.user_id)}"`) && !searchMisses.includes(String(u.user_id)));
    }
    const user = users.find((u) => u.user_id === params.path?.id);
    if (!user) throw new Error('The user does not exist.');
    return user;
  };
  return { calls, fetch };
}

const users = Array.from({ length: 60 }, (_, i) => ({ user_id: `auth0|${i}`, email: `u${i}@example.com`, name: `User ${i}` }));

describe('entity loader', () => {
  it('keeps nothing of a load once it has settled, even one DataLoader answered from its cache', async () => {
    const { fetch } = recorder(users);
    const loader = new EntityLoader({ type: 'User', key: 'user_id', get, batch: { kind: 'user-search', list } }, fetch);
    // A failed lookup stays in DataLoader's cache: asking again is answered from there.
    await expect(loader.load('auth0|missing', ['email'])).rejects.toThrow('does not exist');
    await expect(loader.load('auth0|missing', ['name'])).rejects.toThrow('does not exist');
    // A second load while the first one's batch is on its way joins it from DataLoader's cache.
    const first = loader.load('auth0|2', ['email']);
    await new Promise((resolve) => setImmediate(resolve));
    const second = loader.load('auth0|2', ['name']);
    await Promise.all([first, second]);
    expect(loader.waiting()).toBe(0);
  });

  it('fetches one id once however often it is asked for in one tick', async () => {
    const { calls, fetch } = recorder(users);
    const loader = new EntityLoader({ type: 'User', key: 'user_id', get, batch: { kind: 'user-search', list } }, fetch);
    const [a, b] = await Promise.all([loader.load('auth0|1', ['email']), loader.load('auth0|1', ['name'])]);
    expect(a).toBe(b);
    expect(calls).toEqual([{ op: 'get_users_by_id', path: { id: 'auth0|1' } }]);
  });

  it('batches distinct ids into searches of at most 50 ids', async () => {
    const { calls, fetch } = recorder(users);
    const loader = new EntityLoader({ type: 'User', key: 'user_id', get, batch: { kind: 'user-search', list } }, fetch);
    const ids = users.map((u) => String(u.user_id));
    const loaded = await Promise.all(ids.map((id) => loader.load(id)));
    expect(loaded.map((u) => u.user_id)).toEqual(ids);
    expect(calls.map((c) => c.op)).toEqual(['get_users', 'get_users']);
    expect(calls[0]!.query).toMatchObject({ search_engine: 'v3', per_page: 100 });
    expect(String(calls[0]!.query!.q).match(/" OR "/g)).toHaveLength(49);
  });

  it('asks for search misses one by one (search is eventually consistent)', async () => {
    const { calls, fetch } = recorder(users, ['auth0|2']);
    const loader = new EntityLoader({ type: 'User', key: 'user_id', get, batch: { kind: 'user-search', list } }, fetch);
    const loaded = await Promise.all(['auth0|1', 'auth0|2', 'auth0|3'].map((id) => loader.load(id)));
    expect(loaded.map((u) => u.email)).toEqual(['u1@example.com', 'u2@example.com', 'u3@example.com']);
    expect(calls.map((c) => c.op)).toEqual(['get_users', 'get_users_by_id']);
  });

  it('answers from primed results that carry the fields asked for, and fetches when they do not', async () => {
    const { calls, fetch } = recorder(users);
    const loader = new EntityLoader({ type: 'User', key: 'user_id', get }, fetch);
    loader.prime({ user_id: 'auth0|5', email: 'u5@example.com' }, ['user_id', 'email']);
    expect(await loader.load('auth0|5', ['email'])).toEqual({ user_id: 'auth0|5', email: 'u5@example.com' });
    expect(calls).toEqual([]);
    expect((await loader.load('auth0|5', ['name'])).name).toBe('User 5');
    expect(calls).toHaveLength(1);
  });

  it('rejects a missing entity with the upstream error, and forgets cleared ones', async () => {
    const { calls, fetch } = recorder(users);
    const loader = new EntityLoader({ type: 'User', key: 'user_id', get }, fetch);
    await expect(loader.load('auth0|nope')).rejects.toThrow('The user does not exist.');
    await loader.load('auth0|7');
    loader.clear('auth0|7');
    await loader.load('auth0|7');
    expect(calls.filter((c) => c.path?.id === 'auth0|7')).toHaveLength(2);
  });
});
