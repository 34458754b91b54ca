/**
 * Opaque connection cursors. A cursor encodes where the upstream listing continues:
 * - offset paging: the absolute index of the next item (`{ m: 'o', i }`);
 * - checkpoint paging: the `from` token of the page holding the next item (absent for the first
 *   page) and how many items of that page were already returned (`{ m: 'c', f, s }`).
 * Cursors are base64url JSON with a version tag; anything else is rejected with a clear error,
 * never passed upstream as is.
 */
import { GraphQLError } from 'graphql';

export type Cursor = { m: 'o'; i: number } | { m: 'c'; f?: string; s: number };

const VERSION = 1;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: VERSION, ...cursor })).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const invalid = (): never => {
    throw new GraphQLError('Invalid cursor: pass an `endCursor` or edge `cursor` returned by this connection.', {
      extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
    });
  };
  if (text.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(text)) return invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return invalid();
  }
  if (!value || typeof value !== 'object') return invalid();
  const { v, m, i, f, s } = value as Record<string, unknown>;
  if (v !== VERSION) return invalid();
  if (m === 'o' && Number.isSafeInteger(i) && (i as number) >= 0) return { m, i: i as number };
  if (m === 'c' && Number.isSafeInteger(s) && (s as number) >= 0 && (f === undefined || typeof f === 'string')) {
    return f === undefined ? { m, s: s as number } : { m, f, s: s as number };
  }
  return invalid();
}
