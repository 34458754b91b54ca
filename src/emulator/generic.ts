/**
 * Every operation that is not hand-modelled, served from the spec's shape of its path:
 * - a collection (`POST /x` or `GET /x/{id}` exists): POST creates, GET lists (in the page shape the
 *   spec gives), GET/PATCH/PUT/DELETE `/x/{id}` read, merge, replace and remove;
 * - a singleton (`GET /x` beside `PATCH`/`PUT /x`): what was last written, starting empty;
 * - anything else (an action such as `POST /x/{id}/verify`) answers 501: the emulator does not
 *   invent what it cannot honour.
 */
import { detectList } from '../schema/pagination.js';
import { resolve, successResponses } from '../schema/spec.js';
import { EmulatorError, notFound } from './errors.js';
import type { HandlerContext, HandlerResult } from './handler.js';
import { paginate } from './pagination.js';
import { specIndex, type Route } from './spec-index.js';
import type { Json } from './tenant.js';

export type GenericKind = 'collection-list' | 'collection-create' | 'item-get' | 'item-update' | 'item-replace' | 'item-delete'
  | 'singleton-get' | 'singleton-update' | 'singleton-delete' | 'unsupported';

const kinds = new Map<string, GenericKind>();

export function genericKind(route: Route): GenericKind {
  const known = kinds.get(route.operationId);
  if (known) return known;
  const { routes } = specIndex();
  const has = (method: string, path: string) => routes.some((r) => r.method === method && r.path === path);
  const hasItem = (prefix: string) => routes.some((r) => r.method === 'GET' && new RegExp(`^${escape(prefix)}/\\{[^}/]+\\}$`).test(r.path));
  const itemMatch = /^(.*)\/\{[^}/]+\}$/.exec(route.path);
  let kind: GenericKind = 'unsupported';
  if (itemMatch && (has('POST', itemMatch[1]!) || has('GET', itemMatch[1]!))) {
    kind = ({ GET: 'item-get', PATCH: 'item-update', PUT: 'item-replace', DELETE: 'item-delete' } as const)[route.method as 'GET'] ?? 'unsupported';
  } else if (route.method === 'GET' && listShaped(route.path) && !has('PUT', route.path) && !has('PATCH', route.path)) {
    // A listing with nothing to add to it here is this tenant's (empty) list: no invented items.
    kind = 'collection-list';
  } else if (!itemMatch || !has('GET', `${route.path}/{id}`)) {
    const collection = hasItem(route.path) || (route.method === 'POST' && has('GET', route.path) && listShaped(route.path));
    if (collection) kind = route.method === 'GET' ? 'collection-list' : route.method === 'POST' ? 'collection-create' : 'unsupported';
    else if (route.method === 'GET') kind = has('PATCH', route.path) || has('PUT', route.path) ? 'singleton-get' : 'unsupported';
    else if (route.method === 'PATCH' || route.method === 'PUT') kind = has('GET', route.path) ? 'singleton-update' : 'unsupported';
    else if (route.method === 'DELETE' && has('GET', route.path)) kind = 'singleton-delete';
  }
  kinds.set(route.operationId, kind);
  return kind;
}

function listShaped(path: string): boolean {
  const get = specIndex().routes.find((r) => r.method === 'GET' && r.path === path);
  const schema = get && successResponses(get.op)[0]?.schema;
  if (!schema) return false;
  const resolved = resolve(specIndex().doc, schema);
  return resolved.type === 'array' || Boolean(detectList(specIndex().doc, get.op, schema)) || Boolean(resolved.oneOf?.some((m) => resolve(specIndex().doc, m).type === 'array'));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The concrete collection path: `/organizations/org_1/discovery-domains`. */
function concrete(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

function idKey(route: Route): string {
  const schema = successResponses(route.op)[0]?.schema;
  const props = schema ? Object.keys(resolve(specIndex().doc, schema).properties ?? {}) : [];
  return props.includes('id') ? 'id' : props.find((p) => p.endsWith('_id')) ?? 'id';
}

export function serveGeneric(ctx: HandlerContext): HandlerResult {
  const { route, tenant, params, body, query } = ctx;
  const kind = genericKind(route);
  const itemParam = route.params[route.params.length - 1];
  const collectionPath = kind.startsWith('item-') ? route.path.replace(/\/\{[^}/]+\}$/, '') : route.path;
  const store = (): Map<string, Json> => {
    const key = concrete(collectionPath, params);
    let map = tenant.collections.get(key);
    if (!map) tenant.collections.set(key, (map = new Map()));
    return map;
  };
  const missing = () => notFound(`No such ${collectionPath.split('/').pop()}: ${params[itemParam ?? ''] ?? ''}`);
  switch (kind) {
    case 'collection-list': {
      const shape = detectList(specIndex().doc, route.op, successResponses(route.op)[0]?.schema);
      const items = [...store().values()];
      if (!shape?.itemsKey) return { status: 200, body: shape ? paginate(items, query, { key: 'items' }) : items };
      const page = paginate(items, query, { key: shape.itemsKey, checkpoint: Boolean(shape.checkpoint), offset: Boolean(shape.offset) });
      // Endpoints whose page object always carries totals answer that shape even without include_totals.
      return { status: 200, body: Array.isArray(page) && shape.offset?.totals === 'always' ? { total: items.length, page: 0, per_page: items.length, [shape.itemsKey]: page } : Array.isArray(page) && !shape.offset ? { [shape.itemsKey]: page } : page };
    }
    case 'collection-create': {
      const key = idKey(route);
      const id = typeof body[key] === 'string' ? String(body[key]) : tenant.newId('');
      const item: Json = { ...body, [key]: id, created_at: new Date().toISOString() };
      store().set(id, item);
      return { status: Number(successResponses(route.op)[0]?.status ?? 201), body: item };
    }
    case 'item-get':
      return { status: 200, body: store().get(params[itemParam!]!) ?? (() => { throw missing(); })() };
    case 'item-update': {
      const item = store().get(params[itemParam!]!);
      if (!item) throw missing();
      return { status: 200, body: Object.assign(item, body, { updated_at: new Date().toISOString() }) };
    }
    case 'item-replace': {
      const item: Json = { ...body, [idKey(route)]: params[itemParam!] };
      store().set(params[itemParam!]!, item);
      return { status: 200, body: item };
    }
    case 'item-delete':
      if (!store().delete(params[itemParam!]!)) throw missing();
      return { status: 204 };
    case 'singleton-get': {
      const stored = tenant.singletons.get(concrete(route.path, params));
      if (stored !== undefined) return { status: 200, body: stored };
      return { status: 200, body: listShaped(route.path) ? [] : {} };
    }
    case 'singleton-update': {
      const key = concrete(route.path, params);
      const next = Array.isArray(body) || route.method === 'PUT' ? body : { ...(tenant.singletons.get(key) ?? {}), ...body };
      tenant.singletons.set(key, next);
      return { status: 200, body: next };
    }
    case 'singleton-delete':
      tenant.singletons.delete(concrete(route.path, params));
      return { status: 204 };
    default:
      throw new EmulatorError(501, `${route.method} ${route.path} (${route.operationId}) is not emulated: it needs behaviour the emulator does not model, and it does not invent results.`, 'not_implemented');
  }
}
