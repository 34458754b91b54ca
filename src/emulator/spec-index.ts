/**
 * The emulator's view of the spec: every operation matched by method and path, with the scopes
 * it accepts, read from the spec with the reviewed overlays applied. Parsed once per process (tests start many emulators).
 */
import { listOperations, operationScopes, type OpenApiDocument, type Operation } from '../schema/spec.js';
import { loadSpecWithOverlays } from '../schema/overlay.js';
import { OVERLAY_DIR, SPEC_FILE } from '../paths.js';
import { badRequest } from './errors.js';

export interface Route {
  operationId: string;
  method: string;
  path: string;
  op: Operation;
  scopes: string[];
  params: string[];
  regex: RegExp;
  /** Literal segments first: `/users/{id}/roles` must not be taken by `/users/{id}/{x}`. */
  rank: number;
}

export interface SpecIndex {
  doc: OpenApiDocument;
  routes: Route[];
  byOperationId: Map<string, Route>;
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined;
}

let cached: SpecIndex | undefined;

export function specIndex(): SpecIndex {
  if (cached) return cached;
  // The spec as the overlays (spec/overlays) correct it: the same document the generator reads.
  const { doc } = loadSpecWithOverlays(SPEC_FILE, OVERLAY_DIR);
  const routes: Route[] = listOperations(doc).map(({ method, path, op }) => {
    const params: string[] = [];
    const pattern = path.split('/').map((segment) => {
      const m = /^\{(.+)\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1]!);
      return '([^/]+)';
    }).join('/');
    const literal = path.split('/').filter((s) => s && !s.startsWith('{')).length;
    return {
      operationId: op.operationId, method: method.toUpperCase(), path, op, scopes: operationScopes(op), params,
      regex: new RegExp(`^${pattern}/?$`), rank: literal * 100 - params.length,
    };
  }).sort((a, b) => b.rank - a.rank);
  const byOperationId = new Map(routes.map((r) => [r.operationId, r]));
  cached = {
    doc, routes, byOperationId,
    match(method, path) {
      for (const route of routes) {
        if (route.method !== method) continue;
        const m = route.regex.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        route.params.forEach((name, i) => {
          try {
            params[name] = decodeURIComponent(m[i + 1]!);
          } catch {
            throw badRequest(`Path validation error: '${name}' is not a valid URI component.`, 'invalid_uri');
          }
        });
        return { route, params };
      }
      return undefined;
    },
  };
  return cached;
}
