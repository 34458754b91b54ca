/**
 * OpenAPI Overlay 1.0 (spec.openapis.org/overlay/v1.0.0): a reviewed list of actions that make the
 * vendored spec say what the real Auth0 Management API does beyond it. The generator and the
 * emulator's spec index both read the spec through `loadSpecWithOverlays`, so both follow it.
 *
 * Targets use a small JSONPath subset, written by hand here (no JSONPath library is a dependency):
 * `$` followed by `.name`, `['name']` or `["name"]` segments. No wildcards, filters or recursion:
 * every action names exactly one node, and a target that names nothing is an error, so an overlay
 * gone stale against a newer spec fails loudly instead of silently doing nothing.
 *
 * `update` merges into the target as the Overlay spec says: objects recursively, arrays appended,
 * other values replaced. `remove: true` deletes the target from its parent.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, type OpenApiDocument } from './spec.js';

export interface OverlayAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: boolean;
}

export interface OverlayDocument {
  overlay: string;
  info: { title: string; version: string };
  extends?: string;
  actions: OverlayAction[];
}

export interface LoadedOverlay {
  file: string;
  sha256: string;
  overlay: OverlayDocument;
}

/** `$.paths['/users/{id}'].get` → `['paths', '/users/{id}', 'get']`. */
export function parseTarget(target: string): string[] {
  if (!target.startsWith('$')) throw new Error(`Overlay target must start with $: ${target}`);
  const segments: string[] = [];
  let i = 1;
  while (i < target.length) {
    const c = target[i];
    if (c === '.') {
      const m = /^[A-Za-z_$][\w$-]*/.exec(target.slice(i + 1));
      if (!m) throw new Error(`Overlay target: expected a name after '.' at ${i} in ${target}`);
      segments.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      const quote = target[i + 1];
      if (quote !== "'" && quote !== '"') throw new Error(`Overlay target: only quoted names are supported in [] (${target})`);
      const end = target.indexOf(`${quote}]`, i + 2);
      if (end < 0) throw new Error(`Overlay target: unterminated [${quote} in ${target}`);
      segments.push(target.slice(i + 2, end));
      i = end + 2;
    } else {
      throw new Error(`Overlay target: unsupported syntax at ${i} in ${target} (only $.name and $['name'] segments)`);
    }
  }
  return segments;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Overlay 1.0 merge: objects recursively, arrays appended, everything else replaced. */
function merge(into: unknown, update: unknown): unknown {
  if (isObject(into) && isObject(update)) {
    for (const [key, value] of Object.entries(update)) into[key] = key in into ? merge(into[key], value) : structuredClone(value);
    return into;
  }
  if (Array.isArray(into) && Array.isArray(update)) return [...into, ...structuredClone(update)];
  return structuredClone(update);
}

function validateOverlay(overlay: OverlayDocument, file: string): void {
  if (overlay.overlay !== '1.0.0') throw new Error(`${file}: overlay must be 1.0.0, got ${String(overlay.overlay)}`);
  if (!overlay.info?.title || !overlay.info?.version) throw new Error(`${file}: info.title and info.version are required`);
  overlay.actions.forEach((action, index) => {
    const where = `${file} action ${index} (${action.target})`;
    if (typeof action.target !== 'string') throw new Error(`${where}: target is required`);
    if (typeof action.description !== 'string' || !/Source/i.test(action.description)) throw new Error(`${where}: description must give a reason and a Source`);
    if ((action.update === undefined) === (action.remove !== true)) throw new Error(`${where}: exactly one of update or remove: true`);
    parseTarget(action.target);
  });
}

/** Applies the overlay to `doc` in place and returns it. */
export function applyOverlay<T>(doc: T, overlay: OverlayDocument, file = 'overlay'): T {
  validateOverlay(overlay, file);
  for (const action of overlay.actions) {
    const path = parseTarget(action.target);
    let parent: unknown = doc;
    for (const segment of path.slice(0, -1)) {
      parent = isObject(parent) ? parent[segment] : undefined;
      if (parent === undefined) break;
    }
    const last = path[path.length - 1];
    if (last === undefined) {
      if (action.remove) throw new Error(`${file}: cannot remove the root`);
      merge(doc, action.update);
      continue;
    }
    if (!isObject(parent) || !(last in parent)) throw new Error(`${file}: target ${action.target} names nothing in the spec`);
    if (action.remove) delete parent[last];
    else parent[last] = merge(parent[last], action.update);
  }
  return doc;
}

/** The overlays in a directory, in file-name order (`*.overlay.json`). */
function loadOverlays(dir: string): LoadedOverlay[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.overlay.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const raw = readFileSync(join(dir, name));
    return { file: name, sha256: createHash('sha256').update(raw).digest('hex'), overlay: JSON.parse(raw.toString('utf8')) as OverlayDocument };
  });
}

/** The spec with every overlay of `overlayDir` applied (none when null): what both the generator and the emulator read. */
export function loadSpecWithOverlays(specFile: string, overlayDir: string | null): { doc: OpenApiDocument; overlays: LoadedOverlay[] } {
  const doc = loadSpec(specFile);
  const overlays = overlayDir === null ? [] : loadOverlays(overlayDir);
  for (const { file, overlay } of overlays) applyOverlay(doc, overlay, file);
  return { doc, overlays };
}
