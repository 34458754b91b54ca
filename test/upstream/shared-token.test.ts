import { describe, expect, it } from 'vitest';
import { sharedIssue, type SharedTokenStore } from '../../src/upstream/shared-token.js';

// The sharing logic on a store kept in memory; the Redis store itself is tested against a real
// redis-server (test/shared).
function memoryStore(): SharedTokenStore & { value?: { token: string; expiresAt: number } } {
  let locked = false;
  const store: SharedTokenStore & { value?: { token: string; expiresAt: number } } = {
    read: async () => store.value,
    write: async (token, expiresAt) => { store.value = { token, expiresAt }; },
    lock: async () => (locked ? false : (locked = true)),
    unlock: async () => { locked = false; },
  };
  return store;
}

describe('a token shared between replicas', () => {
  it('is fetched once: the replica holding the lock fetches, the other waits for it', async () => {
    const store = memoryStore();
    let requests = 0;
    const issue = async () => {
      requests++;
      await new Promise((r) => setTimeout(r, 30));
      return { token: `t${requests}`, expiresIn: 3600 };
    };
    const [a, b] = [sharedIssue(issue, store), sharedIssue(issue, store)];
    const tokens = await Promise.all([a(), b(), a()]);
    expect(requests).toBe(1);
    expect(tokens.map((t) => t.token)).toEqual(['t1', 't1', 't1']);
  });

  it('is not handed back once refused (a 401), and a new one is fetched', async () => {
    const store = memoryStore();
    let requests = 0;
    const issue = async () => ({ token: `t${++requests}`, expiresIn: 3600 });
    const shared = sharedIssue(issue, store);
    expect((await shared()).token).toBe('t1');
    expect((await shared('t1')).token).toBe('t2');
  });

  it('a store that fails costs a request of our own, never a failed call', async () => {
    const broken: SharedTokenStore = {
      read: async () => { throw new Error('ECONNREFUSED'); },
      write: async () => { throw new Error('ECONNREFUSED'); },
      lock: async () => { throw new Error('ECONNREFUSED'); },
      unlock: async () => { throw new Error('ECONNREFUSED'); },
    };
    const shared = sharedIssue(async () => ({ token: 'own', expiresIn: 3600 }), broken);
    expect((await shared()).token).toBe('own');
  });
});
