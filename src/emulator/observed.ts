/**
 * What the real Auth0 does beyond its spec, read as data from the overlay's `x-auth0-*` extensions
 * (spec/overlays/auth0-observed.overlay.json), so the emulator's fidelity rules live in one reviewed
 * file with their sources instead of as special cases in the handlers:
 * - `x-auth0-default` on a response property: the value a real tenant returns when it was never set;
 * - `x-auth0-default-by: { property, values }` on an object property: absent keys filled per the
 *   value of a sibling (connection options per strategy);
 * - `x-auth0-delete-missing` on a DELETE: the status for deleting what does not exist (204 or 404);
 * - `x-auth0-not-found` on an operation: the 404 body (message, errorCode when Auth0 sends one);
 * - `x-auth0-mutually-exclusive` on an operation: body paths that may not be set together;
 * - `x-auth0-checkpoint-next-on-last-page` on a list: `next` kept on the last checkpoint page.
 */
import { type JsonSchema, resolve, successResponses } from '../schema/spec.js';
import { EmulatorError, badRequest } from './errors.js';
import { specIndex, type Route } from './spec-index.js';
import type { Json } from './tenant.js';

/** Fills defaults into `item`, for the properties `keep` lets through (a projected read's `fields`). */
type Filler = (item: Json, keep: (name: string) => boolean) => void;
const fillers = new Map<string, Filler | null>();

/** An `x-auth0-*` extension the overlay put on the operation. */
function ext(route: Route, name: string): unknown {
  return (route.op as unknown as Json)[name];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fills absent keys of `into` from `defaults`, recursively; present values are kept. */
function deepFill(into: Json, defaults: Json): void {
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in into)) into[key] = structuredClone(value);
    else if (isObject(into[key]) && isObject(value)) deepFill(into[key] as Json, value);
  }
}

function objectFiller(schema: JsonSchema): Filler | null {
  const props = Object.entries(resolve(specIndex().doc, schema).properties ?? {});
  const plain = props.filter(([, p]) => p['x-auth0-default'] !== undefined);
  const by = props.filter(([, p]) => isObject(p['x-auth0-default-by']));
  if (plain.length === 0 && by.length === 0) return null;
  return (item, keep) => {
    for (const [name, p] of plain) if (item[name] === undefined && keep(name)) item[name] = structuredClone(p['x-auth0-default']);
    for (const [name, p] of by) {
      if (!keep(name)) continue;
      const rule = p['x-auth0-default-by'] as { property: string; values: Record<string, Json> };
      const defaults = rule.values[String(item[rule.property])];
      if (!defaults) continue;
      if (!isObject(item[name])) item[name] = {};
      deepFill(item[name] as Json, defaults);
    }
  };
}

/** The filler for an operation's success body: an object, a list of them, or a page holding one. */
function fillerFor(route: Route): Filler | null {
  if (fillers.has(route.operationId)) return fillers.get(route.operationId)!;
  const schema = successResponses(route.op)[0]?.schema;
  let filler: Filler | null = null;
  if (schema) {
    const doc = specIndex().doc;
    const top = resolve(doc, schema);
    const itemFillers: Filler[] = [];
    for (const shape of top.oneOf ?? [top]) {
      const resolved = resolve(doc, shape);
      if (resolved.type === 'array' && resolved.items) {
        const f = objectFiller(resolved.items);
        if (f) itemFillers.push((body, keep) => { if (Array.isArray(body)) body.forEach((i) => isObject(i) && f(i, keep)); });
      } else {
        for (const [key, prop] of Object.entries(resolved.properties ?? {})) {
          const p = resolve(doc, prop);
          if (p.type !== 'array' || !p.items) continue;
          const f = objectFiller(p.items);
          if (f) itemFillers.push((body, keep) => { const list = isObject(body) ? body[key] : undefined; if (Array.isArray(list)) list.forEach((i) => isObject(i) && f(i, keep)); });
        }
        const own = objectFiller(shape);
        if (own) itemFillers.push((body, keep) => { if (isObject(body) && !Array.isArray(body)) own(body, keep); });
      }
    }
    if (itemFillers.length) filler = (body, keep) => itemFillers.forEach((f) => f(body, keep));
  }
  fillers.set(route.operationId, filler);
  return filler;
}

/**
 * The body with the defaults a real tenant returns filled in (on a copy: stored objects stay as
 * written). A projected read (`fields`) gets the defaults of what it asked for, as a tenant
 * stores them: `fields=sso_disabled` answers `sso_disabled: false` for a client that never set it.
 */
export function withObservedDefaults(route: Route, query: URLSearchParams, body: unknown): unknown {
  if (body === undefined) return body;
  const filler = fillerFor(route);
  if (!filler) return body;
  const listed = query.get('fields') ? new Set(query.get('fields')!.split(',').map((name) => name.trim())) : undefined;
  const include = query.get('include_fields') !== 'false';
  const copy = structuredClone(body) as Json;
  filler(copy, listed ? (name) => listed.has(name) === include : () => true);
  return copy;
}

/** The 404 turned into what Auth0 answers for this operation: 204 for an idempotent delete, or its own body. */
export function observedNotFound(route: Route, error: EmulatorError): EmulatorError | { status: 204 } {
  if (error.statusCode !== 404) return error;
  if (route.method === 'DELETE' && ext(route, 'x-auth0-delete-missing') === 204) return { status: 204 };
  const body = ext(route, 'x-auth0-not-found') as { message: string; errorCode?: string } | undefined;
  return body ? new EmulatorError(404, body.message, body.errorCode) : error;
}

function at(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), body);
}

/** Rules the spec does not state (e.g. not both options.attributes and options.requires_username). */
export function checkObservedRules(route: Route, body: unknown): void {
  for (const group of (ext(route, 'x-auth0-mutually-exclusive') as string[][] | undefined) ?? []) {
    const set = group.filter((path) => at(body, path) !== undefined);
    if (set.length > 1) throw badRequest(`Cannot set both ${set.join(' and ')}`, 'invalid_body');
  }
}

export function keepsNextOnLastPage(route: Route): boolean {
  return ext(route, 'x-auth0-checkpoint-next-on-last-page') === true;
}
