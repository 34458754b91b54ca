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
    const plan = planOffset(start, count, max);
    if (plan.pages.length === 1) {
      expect(plan.pages[0]! * plan.perPage).toBeLessThanOrEqual(start);
      expect((plan.pages[0]! + 1) * plan.perPage).toBeGreaterThanOrEqual(start + count);
    }
    expect(plan.perPage).toBeLessThanOrEqual(max);
    if (want.pages.length === 1) expect(plan).toEqual(want);
    else expect(plan.pages.length).toBeGreaterThan(1);
  });
});
