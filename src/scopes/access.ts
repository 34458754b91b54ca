/**
 * Decides whether a caller's scopes allow one call, applying Auth0's "any of" rule and the
 * narrowing table (narrowing.ts). The gateway asks before it calls with its own token; the
 * emulator asks for every request it serves. Fails closed: a limit that cannot be checked
 * (no subject to compare, fields not known) refuses.
 */
import { type Narrowing, narrowingOf } from './narrowing.js';

export interface AccessRequest {
  operationId: string;
  /** The scopes the spec lists for the operation (any of). */
  listed: readonly string[];
  /** Wire path parameters. */
  path?: Readonly<Record<string, string>>;
  /** The request body (its top-level properties are checked). */
  body?: unknown;
  /**
   * Wire properties the caller will read from the result; 'unknown' when that cannot be told.
   * Omitted: fields are not checked here (the emulator filters instead).
   */
  reads?: readonly string[] | 'unknown' | (() => readonly string[] | 'unknown');
  /** The caller's own user id (a token's `sub`), when it has one. */
  subject?: string;
  /** Whether the call goes out with the caller's own token (forwarding, or the emulator). */
  ownToken: boolean;
}

export type AccessDecision =
  | { allowed: true; canRead: (field: string) => boolean; limited: boolean }
  | { allowed: false; message: string };

export function decideAccess(held: ReadonlySet<string>, request: AccessRequest): AccessDecision {
  if (request.listed.length === 0) return { allowed: true, canRead: () => true, limited: false };
  const matching = request.listed.filter((s) => held.has(s));
  if (matching.length === 0) return { allowed: false, message: `expected any of ${request.listed.join(', ')}` };
  const passing: Narrowing[] = [];
  const refusals: string[] = [];
  for (const scope of matching) {
    const narrowing = narrowingOf(scope, request.operationId);
    if (!narrowing) return { allowed: true, canRead: () => true, limited: false };
    const why = refusal(narrowing, held, request);
    if (why) refusals.push(`${scope} ${why}`);
    else passing.push(narrowing);
  }
  if (passing.length === 0) return { allowed: false, message: refusals.join('; ') };
  const canRead = (field: string) => passing.some((n) => readableBy(n, field));
  return { allowed: true, canRead, limited: passing.every((n) => n.fields || n.exceptFields) };
}

/** Whether a narrowing lets its scope read one response property. */
export function readableBy(narrowing: Narrowing, field: string): boolean {
  if (narrowing.fields && !narrowing.fields.includes(field)) return false;
  return !narrowing.exceptFields?.includes(field);
}

/** Why one narrowing scope does not allow the request; undefined when it does. */
function refusal(narrowing: Narrowing, held: ReadonlySet<string>, request: AccessRequest): string | undefined {
  if (narrowing.ownTokenOnly && !request.ownToken) return 'acts only through the caller\'s own token, which this gateway does not forward';
  if (narrowing.alsoNeeds && !narrowing.alsoNeeds.some((s) => held.has(s))) return `also needs one of ${narrowing.alsoNeeds.join(', ')}`;
  if (narrowing.self) {
    const target = request.path?.[narrowing.self];
    if (!request.subject) return 'acts only on the caller\'s own user, and this caller has none';
    if (target !== request.subject) return 'acts only on the caller\'s own user';
  }
  if (narrowing.body) {
    const body = request.body && typeof request.body === 'object' ? Object.keys(request.body) : [];
    const extra = body.filter((key) => !narrowing.body!.includes(key));
    if (extra.length > 0) return `may change only ${narrowing.body.join(', ')}, not ${extra.join(', ')}`;
  }
  if ((narrowing.fields || narrowing.exceptFields) && request.reads !== undefined) {
    const reads = typeof request.reads === 'function' ? request.reads() : request.reads;
    if (reads === 'unknown') return 'reads only some properties, and the fields read here cannot be told';
    const hidden = reads.filter((field) => !readableBy(narrowing, field));
    if (hidden.length > 0) return `cannot read ${hidden.join(', ')}`;
  }
  return undefined;
}
