/**
 * Response shapes that are one entity under several names (DESIGN 1, 3).
 *
 * The spec repeats an entity's shape per operation (`GetUserResponseContent`,
 * `UpdateUserResponseContent`, `UserResponseSchema` …). Hand-written GraphQL has one `User`. Two
 * rules alias response components onto one output type, before any type is built:
 * 1. response components structurally identical (descriptions aside) to another component share
 *    its type, preferring the `Get…ResponseContent` one, which names the entity, provided their
 *    names share a subject word (`sameSubject`: a type's name must fit every operation returning it);
 * 2. a list's item schema whose properties are a subset, with identical schemas, of the item's
 *    get-by-id response is the same entity (a list returns fewer fields of the same thing).
 */
import type { GenContext } from './context.js';
import { type JsonSchema, listOperations, refName, resolve, successResponses } from './spec.js';

const IGNORED_KEYS = new Set(['description', 'title', 'default', 'example', 'examples', 'x-release-lifecycle']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        // `x-auth0-*` (spec/overlays) describe what the emulator fills or answers, not the shape.
        .filter(([key]) => !IGNORED_KEYS.has(key) && !key.startsWith('x-auth0-'))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, v]) => [key, canonical(v)]),
    );
  }
  return value;
}

export function aliasResponseShapes(ctx: GenContext): void {
  const schemas = ctx.doc.components.schemas;
  const groups = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (!schema.properties) continue;
    const key = JSON.stringify(canonical(schema));
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  for (const names of groups.values()) {
    if (names.length < 2 || !names.some(isResponse)) continue;
    // Of several get responses (`GetOrganization…`, `GetOrganizationByName…`), the shortest names the entity.
    const get = names.filter((n) => /^Get.+ResponseContent$/.test(n)).sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
    const entityName = get?.replace(/^Get(.+)ResponseContent$/, '$1');
    // Prefer the member already called by the entity's name (`Action`), then the get response.
    const target = names.find((n) => n === entityName) ?? get ?? names.find((n) => !isResponse(n));
    if (!target) continue;
    for (const name of names) if (name !== target && isResponse(name) && sameSubject(name, target)) ctx.outputAliases.set(name, target);
    // A domain schema (`UserResponseSchema`) identical to the entity takes the entity's name too.
    if (/^Get.+ResponseContent$/.test(target)) {
      for (const name of names) if (name !== target && !isResponse(name) && /Schema$/.test(name)) ctx.outputAliases.set(name, target);
    }
  }
  aliasListItems(ctx);
}

const VERB = /^(Get|Create|Update|Set|Patch|Post|Put|Add|Associate|Deploy|Rotate|Reset|Rollback|Import|Delete|List)(?=[A-Z])/;
const CONTENT = /(ResponseContent|RequestContent|ResponseSchema|Schema|Response)$/;
const GENERIC_WORDS = new Set(['setting', 'default', 'by', 'name', 'item', 'list', 'for', 'summary', 'masked', 'post', 'status']);

/** The words naming what a component is about: `SetGuardianFactorResponseContent` → guardian, factor. */
function subjectWords(component: string): string[] {
  const words = component.replace(CONTENT, '').replace(VERB, '').match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [];
  return words.map((w) => w.toLowerCase().replace(/s$/, '')).filter((w) => !GENERIC_WORDS.has(w));
}

/**
 * Identical shapes are one type only when their names are about the same thing: a type's name
 * must fit every operation that returns it. `{enabled}` answers both `setGuardianFactor` and
 * `riskAssessmentsSettings`, but a guardian factor is not a risk-assessment setting.
 */
export function sameSubject(a: string, b: string): boolean {
  const stem = (n: string) => n.replace(CONTENT, '').replace(VERB, '');
  if (stem(a) === stem(b)) return true;
  const words = new Set(subjectWords(b));
  return subjectWords(a).some((w) => words.has(w));
}

function isResponse(name: string): boolean {
  return /ResponseContent$/.test(name);
}

/** Rule 2: `GET /x` items ⊆ `GET /x/{id}` response. */
function aliasListItems(ctx: GenContext): void {
  const ops = listOperations(ctx.doc).filter((o) => o.method === 'get');
  const byPath = new Map(ops.map((o) => [o.path, o]));
  for (const list of ops) {
    const get = [...byPath.entries()].find(([path]) => new RegExp(`^${escapeRegExp(list.path)}/\\{[^}/]+\\}$`).test(path))?.[1];
    if (!get) continue;
    const itemRef = listItemRef(ctx, successResponses(list.op)[0]?.schema);
    const entityRef = successResponses(get.op)[0]?.schema?.$ref;
    if (!itemRef || !entityRef) continue;
    const item = refName(itemRef);
    const entity = ctx.outputAliases.get(refName(entityRef)) ?? refName(entityRef);
    if (item === entity || ctx.outputAliases.has(item)) continue;
    const itemProps = resolve(ctx.doc, { $ref: itemRef }).properties ?? {};
    const entityProps = schemasOf(ctx, entity).properties ?? {};
    const subset = Object.entries(itemProps).every(
      ([key, schema]) => key in entityProps && JSON.stringify(canonical(schema)) === JSON.stringify(canonical(entityProps[key])),
    );
    if (subset) ctx.outputAliases.set(item, entity);
  }
}

function schemasOf(ctx: GenContext, name: string): JsonSchema {
  return ctx.doc.components.schemas[name] ?? {};
}

/** The `$ref` of the items of a list response, whichever of its shapes carries them. */
function listItemRef(ctx: GenContext, schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  const resolved = resolve(ctx.doc, schema);
  for (const shape of resolved.oneOf ?? resolved.anyOf ?? [resolved]) {
    const s = resolve(ctx.doc, shape);
    if (s.type === 'array' && s.items?.$ref) return s.items.$ref;
    for (const prop of Object.values(s.properties ?? {})) {
      const p = resolve(ctx.doc, prop);
      if (p.type === 'array' && p.items?.$ref) return p.items.$ref;
    }
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
