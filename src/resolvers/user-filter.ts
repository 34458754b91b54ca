/**
 * `users(filter: UserFilter)` → Lucene `q` (search engine v3). Every value is a quoted, escaped
 * term (lucene.ts `quoteTerm`), so no value can close its phrase or add a clause; field names are
 * fixed by the gateway, and `app_metadata` paths are checked to be plain dotted keys. Conditions
 * are AND-ed; a list (connections, `anyOf`) is one OR-ed group. The raw `q` is AND-ed in as a
 * parenthesised group, so its own ORs stay inside it. Bad values are refused with
 * BAD_USER_INPUT before any call, as is a query longer than Auth0 accepts.
 */
import { GraphQLError } from 'graphql';
import { anyOf, MAX_USER_QUERY_CHARS, quoteTerm } from '../loaders/lucene.js';

export interface AppMetadataFilter {
  path: string;
  equals?: string | null;
  anyOf?: string[] | null;
}

export interface UserFilter {
  email?: string | null;
  emailDomain?: string | null;
  nickname?: string | null;
  username?: string | null;
  name?: string | null;
  connection?: string[] | null;
  emailVerified?: boolean | null;
  blocked?: boolean | null;
  appMetadata?: AppMetadataFilter[] | null;
}

/** Auth0's connection-name rule: letters and digits, single hyphens between them, at most 128. */
const CONNECTION_NAME = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;
const METADATA_PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const MAX_VALUE_CHARS = 512;

function refuse(message: string, field: string): never {
  throw new GraphQLError(`Invalid users filter: ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument: 'filter', field } });
}

function text(value: string, field: string): string {
  if (value.trim() === '') refuse(`${field} must not be empty`, field);
  if (value.length > MAX_VALUE_CHARS) refuse(`${field} is longer than ${MAX_VALUE_CHARS} characters`, field);
  // Control characters cannot be part of a profile value Auth0 indexes; they only smuggle.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) refuse(`${field} contains control characters`, field);
  return value;
}

/** The filter's clauses, in a fixed order (so equal filters give equal `q`s and share cache entries). */
export function compileUserFilter(filter: UserFilter): string[] {
  const clauses: string[] = [];
  const exact = (wire: string, field: keyof UserFilter) => {
    const value = filter[field];
    if (value !== undefined && value !== null) clauses.push(`${wire}:${quoteTerm(text(value as string, field))}`);
  };
  exact('email', 'email');
  if (filter.emailDomain !== undefined && filter.emailDomain !== null) {
    const domain = text(filter.emailDomain, 'emailDomain');
    if (domain.includes('@')) refuse('emailDomain is the part after `@`, without it', 'emailDomain');
    clauses.push(`email.domain:${quoteTerm(domain)}`);
  }
  exact('nickname', 'nickname');
  exact('username', 'username');
  exact('name', 'name');
  if (filter.connection) {
    if (filter.connection.length === 0) refuse('connection must name at least one connection (leave it out to match every connection)', 'connection');
    for (const name of filter.connection) {
      if (name.length > 128 || !CONNECTION_NAME.test(name)) refuse(`${JSON.stringify(name)} is not a connection name (letters, digits and single hyphens, at most 128)`, 'connection');
    }
    clauses.push(anyOf('identities.connection', [...new Set(filter.connection)]));
  }
  if (typeof filter.emailVerified === 'boolean') clauses.push(`email_verified:${filter.emailVerified}`);
  if (typeof filter.blocked === 'boolean') clauses.push(`blocked:${filter.blocked}`);
  for (const [index, condition] of (filter.appMetadata ?? []).entries()) {
    const field = `appMetadata[${index}]`;
    if (!METADATA_PATH.test(condition.path)) refuse(`${field}.path ${JSON.stringify(condition.path)} must be dot-separated keys of letters, digits, \`_\` and \`-\``, `${field}.path`);
    const hasEquals = condition.equals !== undefined && condition.equals !== null;
    const hasAnyOf = condition.anyOf !== undefined && condition.anyOf !== null;
    if (hasEquals === hasAnyOf) refuse(`${field} needs exactly one of equals and anyOf`, field);
    const wire = `app_metadata.${condition.path}`;
    if (hasEquals) {
      clauses.push(`${wire}:${quoteTerm(text(condition.equals!, `${field}.equals`))}`);
    } else {
      if (condition.anyOf!.length === 0) refuse(`${field}.anyOf must hold at least one value`, `${field}.anyOf`);
      clauses.push(anyOf(wire, condition.anyOf!.map((v) => text(v, `${field}.anyOf`))));
    }
  }
  return clauses;
}

/** The `q` to send: the filter's clauses AND-ed with the caller's raw `q`; undefined when neither is given. */
export function userSearchQuery(filter: UserFilter | null | undefined, raw: string | null | undefined, maxChars = MAX_USER_QUERY_CHARS): string | undefined {
  const clauses = filter ? compileUserFilter(filter) : [];
  const expert = typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
  if (clauses.length === 0) return expert;
  const q = expert === undefined ? clauses.join(' AND ') : [`(${expert})`, ...clauses].join(' AND ');
  if (q.length > maxChars) {
    throw new GraphQLError(`The users search query would be ${q.length} characters, over the ${maxChars} Auth0 accepts in one request: narrow the filter (fewer connections or values).`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter', length: q.length, maxLength: maxChars },
    });
  }
  return q;
}
