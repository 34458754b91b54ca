/**
 * Open inputs (issue 15): where the spec lets a request object carry properties it does not
 * declare (`additionalProperties: true`, e.g. a connection's `options`, which holds each
 * strategy's own settings such as `client_id`, `client_secret`, `scope` or `requires_username`),
 * the input type gets an `extra: JSON` field whose keys are sent as they are, beside the declared
 * fields (a declared field wins on a clash). Types are found by the spec pointer they came from.
 */
import type { GenContext } from './context.js';
import { resolve, unescapePointer } from './spec.js';
import type { JsonSchema } from './spec.js';

export const EXTRA_FIELD = 'extra';

function atPointer(doc: unknown, pointer: string): JsonSchema | undefined {
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = unescapePointer(raw);
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === 'object' ? node as JsonSchema : undefined;
}

/** Adds `extra` to each open input type; returns type name → field name, for the runtime. */
export function openInputs(ctx: GenContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const type of [...ctx.types.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.kind !== 'input' || type.oneOf || !type.source) continue;
    const found = atPointer(ctx.doc, type.source);
    const schema = found && resolve(ctx.doc, found);
    if (!schema || schema.additionalProperties !== true) continue;
    if (type.fields.some((f) => f.name === EXTRA_FIELD)) continue;
    type.fields.push({ name: EXTRA_FIELD, type: 'JSON', description: 'Further properties the spec leaves open, sent as they are beside the declared fields (a declared field wins on a clash).' });
    ctx.fallback(`${type.name}.${EXTRA_FIELD}`, 'free-form object: the further properties an open input (additionalProperties: true) may carry', type.source);
    out[type.name] = EXTRA_FIELD;
  }
  return out;
}
