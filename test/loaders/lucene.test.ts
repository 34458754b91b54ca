import { describe, expect, it } from 'vitest';
import { anyOf, chunkIds, quoteTerm } from '../../src/loaders/lucene.js';

describe('user search query for many ids', () => {
  it('quotes each id as an exact term inside one OR group', () => {
    expect(anyOf('user_id', ['auth0|a', 'google-oauth2|b'])).toBe('user_id:("auth0|a" OR "google-oauth2|b")');
  });

  it.each([
    ['auth0|x"y', '"auth0|x\\"y"'],
    ['back\\slash', '"back\\\\slash"'],
    ['a" OR email:"*', '"a\\" OR email:\\"*"'],
    ['../clients', '"../clients"'],
  ])('escapes %j so it cannot leave its phrase', (id, want) => {
    expect(quoteTerm(id)).toBe(want);
  });

  it('chunks by count and by query length', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `auth0|${String(i).padStart(24, '0')}`);
    expect(chunkIds(ids).map((c) => c.length)).toEqual([50, 50, 20]);
    const long = Array.from({ length: 10 }, (_, i) => `${i}${'x'.repeat(1000)}`);
    const chunks = chunkIds(long);
    expect(chunks.every((c) => anyOf('user_id', c).length < 3100)).toBe(true);
    expect(chunks.flat()).toEqual(long);
  });
});
