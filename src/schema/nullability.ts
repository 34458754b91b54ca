/**
 * Nullability, applied mechanically (README, "Naming and nullability rules").
 *
 * An output field is non-null only with evidence that Auth0 always sends it:
 * 1. the reviewed overlay (spec/overlays/auth0-observed.overlay.json, each action with its reason
 *    and source) lists the property in its schema's `required`, the property's schema does not
 *    allow null, and every response schema aliased onto the type (shapes.ts) requires it too. The
 *    spec's own `required` lists on responses are not enough alone: Auth0 answers settings and
 *    defaults partially until they are configured (bot detection's allowlist, SMS templates, risk
 *    assessments, the default custom domain), so a required property without an overlay action
 *    that confirms it stays nullable. A required list is then `[X!]!`: an empty list is the answer
 *    when there is nothing, never null. Entity keys (`userId`, `clientId`, `Role.id` …) are
 *    non-null this way, and the gateway adds them to every `fields=` projection it sends.
 * 2. A page's `totalCount` is `Int!` when every operation returning that page pages by offset with
 *    totals and never by checkpoint (which cannot count).
 * Everything else stays nullable, and so do pages themselves and every field that calls Auth0
 * (root fields, sub-resource and companion edges): a refused or failed call nulls that field alone
 * instead of its parent. Drift (src/resolvers/drift.ts) still nulls a value that does not fit; on
 * a non-null field that null reaches the nearest nullable parent, which is why rule 1 wants evidence.
 */
import type { GenContext } from './context.js';
import type { LoadedOverlay } from './overlay.js';
import type { RootFields } from './operations.js';
import { isNullable } from './schema-kinds.js';
import { type JsonSchema, refName, resolve, unescapePointer } from './spec.js';

const COMPONENT = '#/components/schemas/';

/** Component → properties the overlay says are always present (its `required` updates). */
export type PresenceEvidence = Map<string, Set<string>>;

export function presenceEvidence(overlays: LoadedOverlay[]): PresenceEvidence {
  const evidence: PresenceEvidence = new Map();
  for (const { overlay } of overlays) {
    for (const action of overlay.actions) {
      const component = /^\$\.components\.schemas\.([A-Za-z0-9_]+)$/.exec(action.target)?.[1];
      const required = (action.update as { required?: unknown } | undefined)?.required;
      if (!component || !Array.isArray(required)) continue;
      evidence.set(component, new Set([...(evidence.get(component) ?? []), ...required.map(String)]));
    }
  }
  return evidence;
}

export function applyNullability(ctx: GenContext, root: RootFields, evidence: PresenceEvidence): void {
  for (const type of ctx.types.values()) {
    if (type.kind !== 'object' || !type.source?.startsWith(COMPONENT)) continue;
    const schema = at(ctx, type.source);
    if (!schema) continue;
    const component = unescapePointer(type.source.slice(COMPONENT.length).split('/')[0]!);
    const isComponentRoot = type.source.slice(COMPONENT.length).split('/').length === 1;
    // Response schemas sharing this type must all promise the property.
    const sharing = isComponentRoot
      ? [...ctx.outputAliases].filter(([, target]) => target === component).map(([alias]) => ctx.doc.components.schemas[alias]!)
      : [];
    const { required, properties } = requiredOf(ctx, schema);
    for (const field of type.fields) {
      const wire = field.wire ?? field.name;
      if (field.type.endsWith('!') || field.args?.length || !required.has(wire)) continue;
      // An enum stays nullable however reliably it is sent: a value Auth0 adds before the spec
      // knows it (a new strategy, app type) nulls that field alone (drift.ts), not its object.
      if (ctx.types.get(field.type.replace(/[[\]!]/g, ''))?.kind === 'enum') continue;
      const property = properties[wire];
      if (!property || isNullable(resolve(ctx.doc, property))) continue;
      if (!sharing.every((s) => requiredOf(ctx, s).required.has(wire))) continue;
      if (!isComponentRoot || !evidence.get(component)?.has(wire)) continue;
      field.type = `${field.type}!`;
    }
  }
  // Rule 2: totalCount.
  const ops = Object.values(root.operations).filter((o) => o.result === 'connection');
  for (const type of ctx.types.values()) {
    if (type.kind !== 'object' || !type.pageOf) continue;
    const returning = ops.filter((o) => o.returns === type.name);
    const alwaysCounts = returning.length > 0 && returning.every((o) => o.connection?.offset?.totals && !o.connection.checkpoint);
    const total = type.fields.find((f) => f.name === 'totalCount');
    if (total && alwaysCounts && !total.type.endsWith('!')) {
      total.type = 'Int!';
      total.description = 'Total number of items across all pages (Auth0 counts them with `include_totals`, asked only when this is selected).';
    }
  }
}

function requiredOf(ctx: GenContext, schema: JsonSchema): { required: Set<string>; properties: Record<string, JsonSchema> } {
  const required = new Set<string>();
  const properties: Record<string, JsonSchema> = {};
  const add = (part: JsonSchema): void => {
    const s = resolve(ctx.doc, part);
    s.allOf?.forEach(add);
    Object.assign(properties, s.properties ?? {});
    for (const r of s.required ?? []) required.add(r);
  };
  add(schema);
  return { required, properties };
}

/** The schema at a JSON pointer into the spec (`#/components/schemas/X/properties/y`). */
function at(ctx: GenContext, pointer: string): JsonSchema | undefined {
  let node: unknown = ctx.doc;
  for (const segment of pointer.slice(2).split('/').map(unescapePointer)) {
    if (node && typeof node === 'object' && '$ref' in node && !(segment in node)) node = ctx.doc.components.schemas[refName((node as JsonSchema).$ref!)];
    node = (node as Record<string, unknown> | undefined)?.[segment];
    if (node === undefined) return undefined;
  }
  return node as JsonSchema;
}
