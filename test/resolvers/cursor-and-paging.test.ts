import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/resolvers/cursor.js';
import { planOffset } from '../../src/resolvers/connection.js';

describe('opaque cursors', () => {
  it.each([
    [{ m: 'o' as const, i: 150 }],
    [{ m: 'c' as const, s: 3 }],
    [{ m: 'c' as const, f: 'eyJ0IjoxfQ', s: 0 }],
  ])('round-trips %j', (cursor) => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['garbage'],
    ['../clients'],
    [Buffer.from('{"v":1,"m":"o","i":-1}').toString('base64url')],
    [Buffer.from('{"v":2,"m":"o","i":1}').toString('base64url')],
    [Buffer.from('{"v":1,"m":"c","s":0,"f":{"$gt":""}}').toString('base64url')],
    ['x'.repeat(5000)],
  ])('refuses %j with BAD_USER_INPUT', (text) => {
    let error: unknown;
    try { decodeCursor(text); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('offset window planning', () => {
  it.each([
    [0, 50, 100, { perPage: 50, pages: [0] }],
    [50, 50, 100, { perPage: 50, pages: [1] }],
    [30, 50, 100, { perPage: 80, pages: [0] }],
    [0, 250, 100, { perPage: 100, pages: [0, 1, 2] }],
    [990, 20, 100, { perPage: 22, pages: [45] }],
    [150, 99, 100, { perPage: 100, pages: [1, 2] }],
  ])('start %i, %i items, max %i', (start, count, max, want) => {
    expect(planOffset(start, count, max)).toEqual(want);
  });

  it('covers every window with pages no larger than the maximum, in one page whenever one can', () => {
    for (let start = 0; start < 400; start += 7) {
      for (const count of [1, 2, 13, 50, 99, 100, 101, 250]) {
        const { perPage, pages } = planOffset(start, count, 100);
        const where = `start ${start}, count ${count}: ${perPage} × ${pages.join(',')}`;
        expect(perPage, where).toBeLessThanOrEqual(100);
        // Contiguous pages from the one holding `start` to the one holding the window's last item.
        expect(pages[0]! * perPage, where).toBeLessThanOrEqual(start);
        expect((pages[pages.length - 1]! + 1) * perPage, where).toBeGreaterThanOrEqual(start + count);
        pages.forEach((page, i) => { if (i > 0) expect(page, where).toBe(pages[i - 1]! + 1); });
        const onePageExists = Array.from({ length: 100 }, (_, k) => k + 1).some((size) => Math.floor(start / size) === Math.floor((start + count - 1) / size));
        if (onePageExists) expect(pages, where).toHaveLength(1);
      }
    }
  });
});
