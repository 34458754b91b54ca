import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../src/upstream/token-cache.js';

/** A cache over a counting issuer and a clock the test moves. */
function setup(expiresIn = 60) {
  let now = 1_000_000;
  let issued = 0;
  const cache = new TokenCache(async () => ({ token: `t${++issued}`, expiresIn }), () => now);
  return { cache, issued: () => issued, advance: (ms: number) => { now += ms; } };
}

describe('token cache', () => {
  it('keeps a token until 10 s before it expires, then refreshes', async () => {
    const { cache, issued, advance } = setup(60);
    expect(await cache.get()).toBe('t1');
    advance(49_900);
    expect(await cache.get()).toBe('t1');
    advance(200);
    expect(await cache.get()).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('concurrent callers share one pending request', async () => {
    const { cache, issued } = setup();
    expect(await Promise.all(Array.from({ length: 50 }, () => cache.get()))).toEqual(Array(50).fill('t1'));
    expect(issued()).toBe(1);
  });

  it('a refused token is replaced once, however many callers report it', async () => {
    const { cache, issued } = setup();
    const refused = await cache.get();
    const replacements = await Promise.all([cache.get(refused), cache.get(refused), cache.get(refused)]);
    expect(replacements).toEqual(['t2', 't2', 't2']);
    // A caller reporting the old token after the refresh gets the new one without another request.
    expect(await cache.get(refused)).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('a failed request is shared by its waiters, and the next call tries again', async () => {
    let fail = true;
    const cache = new TokenCache(async () => {
      if (fail) throw new Error('down');
      return { token: 'ok', expiresIn: 60 };
    });
    await expect(Promise.all([cache.get(), cache.get()])).rejects.toThrow('down');
    fail = false;
    expect(await cache.get()).toBe('ok');
  });
});
