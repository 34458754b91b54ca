/**
 * The Lucene subset people use in `GET /users?q=` (FACTS A3): `field:value`, quoted phrases,
 * `field:("a" OR "b")`, AND / OR / NOT (capitalised), parentheses, `*` wildcards, and a bare term
 * searched in the profile fields. `email`, `name`, `given_name`, `family_name` and `nickname`
 * match case-insensitively; everything else is exact. `user_id` is not tokenised.
 */
import { badRequest } from './errors.js';
import type { Json } from './tenant.js';

type Predicate = (user: Json) => boolean;
type Token = { kind: 'term'; field?: string; value: string; quoted: boolean } | { kind: 'op'; value: 'AND' | 'OR' | 'NOT' | '(' | ')' };

const INSENSITIVE = new Set(['email', 'name', 'given_name', 'family_name', 'nickname', 'email.domain']);
const DEFAULT_FIELDS = ['email', 'name', 'nickname', 'given_name', 'family_name', 'user_id'];

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readValue = (): { value: string; quoted: boolean } => {
    if (q[i] === '"') {
      let value = '';
      i++;
      while (i < q.length && q[i] !== '"') {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        value += q[i++];
      }
      if (q[i] !== '"') throw badRequest('Query validation error: unterminated quoted value in q', 'invalid_query_string');
      i++;
      return { value, quoted: true };
    }
    let value = '';
    while (i < q.length && !/[\s()]/.test(q[i]!)) {
      if (q[i] === '\\' && i + 1 < q.length) i++;
      value += q[i++];
    }
    return { value, quoted: false };
  };
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { tokens.push({ kind: 'op', value: c }); i++; continue; }
    const field = /^([A-Za-z_][\w.]*):/.exec(q.slice(i));
    if (field) {
      i += field[0].length;
      if (q[i] === '(') {
        tokens.push({ kind: 'op', value: '(' });
        i++;
        let depth = 1;
        while (i < q.length && depth > 0) {
          while (/\s/.test(q[i] ?? '')) i++;
          if (q[i] === ')') { depth--; i++; tokens.push({ kind: 'op', value: ')' }); continue; }
          const { value, quoted } = readValue();
          if (!quoted && (value === 'OR' || value === 'AND' || value === 'NOT')) tokens.push({ kind: 'op', value });
          else tokens.push({ kind: 'term', field: field[1], value, quoted });
        }
        continue;
      }
      tokens.push({ kind: 'term', field: field[1], ...readValue() });
      continue;
    }
    const { value, quoted } = readValue();
    if (!quoted && (value === 'AND' || value === 'OR' || value === 'NOT')) tokens.push({ kind: 'op', value });
    else if (value !== '') tokens.push({ kind: 'term', value, quoted });
  }
  return tokens;
}

function valueAt(user: Json, path: string): unknown {
  if (path === 'identities.connection') return (user.identities as Json[] | undefined)?.map((i) => i.connection);
  if (path === 'identities.provider') return (user.identities as Json[] | undefined)?.map((i) => i.provider);
  // Auth0 indexes the part of the email after `@` as `email.domain` (the gateway's UserFilter.emailDomain).
  if (path === 'email.domain') return typeof user.email === 'string' ? user.email.slice(user.email.lastIndexOf('@') + 1) : undefined;
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), user);
}

function termPredicate(token: Extract<Token, { kind: 'term' }>): Predicate {
  const fields = token.field ? [token.field] : DEFAULT_FIELDS;
  const matchOne = (field: string, actual: unknown): boolean => {
    if (actual === undefined || actual === null) return false;
    if (Array.isArray(actual)) return actual.some((a) => matchOne(field, a));
    const fold = INSENSITIVE.has(field) || !token.field;
    const have = fold ? String(actual).toLowerCase() : String(actual);
    const want = fold ? token.value.toLowerCase() : token.value;
    if (!token.quoted && want.includes('*')) {
      const pattern = new RegExp(`^${want.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
      return pattern.test(have);
    }
    if (token.quoted || field === 'user_id' || typeof actual !== 'string') return have === want;
    // Unquoted terms on tokenised text fields match a whole word, or the whole value.
    return have === want || have.split(/[^a-z0-9@.+-]+/i).includes(want);
  };
  return (user) => fields.some((field) => matchOne(field, valueAt(user, field)));
}

/** Parses `q` into a predicate; a query it cannot read is a 400, as Auth0's. */
export function parseUserQuery(q: string): Predicate {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = () => tokens[pos];
  const parseOr = (): Predicate => {
    const parts = [parseAnd()];
    while (peek()?.kind === 'op' && peek()!.value === 'OR') { pos++; parts.push(parseAnd()); }
    return parts.length === 1 ? parts[0]! : (u) => parts.some((p) => p(u));
  };
  const parseAnd = (): Predicate => {
    const parts = [parseNot()];
    for (;;) {
      const t = peek();
      if (!t || (t.kind === 'op' && (t.value === 'OR' || t.value === ')'))) break;
      if (t.kind === 'op' && t.value === 'AND') pos++;
      parts.push(parseNot());
    }
    return parts.length === 1 ? parts[0]! : (u) => parts.every((p) => p(u));
  };
  const parseNot = (): Predicate => {
    const t = peek();
    if (t?.kind === 'op' && t.value === 'NOT') { pos++; const inner = parseNot(); return (u) => !inner(u); }
    return parseAtom();
  };
  const parseAtom = (): Predicate => {
    const t = tokens[pos++];
    if (!t) throw badRequest('Query validation error: incomplete q', 'invalid_query_string');
    if (t.kind === 'op' && t.value === '(') {
      const inner = parseOr();
      if (tokens[pos]?.kind !== 'op' || tokens[pos]!.value !== ')') throw badRequest('Query validation error: unbalanced parentheses in q', 'invalid_query_string');
      pos++;
      return inner;
    }
    if (t.kind === 'term') return termPredicate(t);
    throw badRequest(`Query validation error: unexpected ${t.value} in q`, 'invalid_query_string');
  };
  if (tokens.length === 0) return () => true;
  const predicate = parseOr();
  if (pos !== tokens.length) throw badRequest('Query validation error: could not parse q', 'invalid_query_string');
  return predicate;
}

/** `sort=field:1|-1`. */
export function sortUsers(users: Json[], sort: string | null): Json[] {
  if (!sort) return users;
  const m = /^([\w.]+):(1|-1)$/.exec(sort);
  if (!m) throw badRequest(`Query validation error: sort must be field:1 or field:-1, got '${sort}'`, 'invalid_query_string');
  const [, field, dir] = m;
  const sign = dir === '1' ? 1 : -1;
  return [...users].sort((a, b) => {
    const x = valueAt(a, field!);
    const y = valueAt(b, field!);
    if (x === y) return 0;
    if (x === undefined || x === null) return 1;
    if (y === undefined || y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
}
