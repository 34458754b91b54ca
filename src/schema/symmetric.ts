/**
 * Symmetric types (issue 13): what a create or update takes typed is read back typed, under the
 * same names, so a screen can read an object, edit it and write the same shape back.
 *
 * The spec often describes a property loosely in responses and precisely in requests: a
 * connection's `options` is a free-form object when read but `ConnectionPropertiesOptions` when
 * written, its `strategy` a string when read but an enum when written. For every operation with
 * a JSON body that answers an object type T (create and update of T), each body property that is
 * typed on input but JSON (or an enum's plain String) on T's output is retyped on output:
 * - an input object built from a component schema → that component's output type (so
 *   `ConnectionPropertiesOptionsInput` is read back as `ConnectionPropertiesOptions`, field for field);
 * - an input enum → the same enum (enums are one type in both modes).
 * Objects whose schema admits further properties (`additionalProperties: true`) also get an
 * `extra: JSON` output field holding the properties they do not declare, the counterpart of the
 * open inputs' `extra` (open-inputs.ts); the runtime computes it (metadata `openOutputs`).
 */
import type { GenContext } from './context.js';
import type { FieldModel, ObjectModel } from './model.js';
import { namedType } from './model.js';
import type { OperationMetadata } from './metadata.js';
import { EXTRA_FIELD } from './open-inputs.js';
import { resolve, unescapePointer } from './spec.js';
import type { TypeConverter } from './types.js';

const COMPONENT = /^#\/components\/schemas\/([^/]+)$/;

export interface SymmetricResult {
  /** Output fields retyped, `Connection.options` → `ConnectionPropertiesOptions`. */
  retyped: Record<string, string>;
  /** Output object types that admit further properties → the field that carries them. */
  openOutputs: Record<string, string>;
}

export function symmetricTypes(ctx: GenContext, types: TypeConverter, operations: Record<string, OperationMetadata>): SymmetricResult {
  const retyped: Record<string, string> = {};
  const wire = (field: FieldModel) => field.wire ?? field.name;
  const objectsMade = new Set<string>();
  for (const op of Object.values(operations).sort((a, b) => a.coordinate.localeCompare(b.coordinate))) {
    if (op.body?.kind !== 'json' || !op.body.inputType || op.result !== 'object') continue;
    const input = ctx.types.get(op.body.inputType);
    const output = ctx.types.get(op.returns);
    if (input?.kind !== 'input' || output?.kind !== 'object') continue;
    for (const field of input.fields) {
      const target = output.fields.find((f) => wire(f) === wire(field));
      if (!target || retyped[`${output.name}.${target.name}`]) continue;
      const inputType = ctx.types.get(namedType(field.type));
      const current = namedType(target.type);
      let next: string | undefined;
      if (inputType?.kind === 'enum' && current === 'String') next = inputType.name;
      else if (inputType?.kind === 'input' && current === 'JSON') {
        const component = COMPONENT.exec(inputType.source ?? '')?.[1];
        if (!component) continue;
        const converted = types.convertComponent(unescapePointer(component), 'output');
        if (converted.json) continue;
        next = namedType(converted.ref);
        objectsMade.add(next);
      }
      if (!next) continue;
      target.type = target.type.replace(current, next);
      // No longer JSON: its fallback record goes.
      const location = `${output.name}.${target.name}`;
      const at = ctx.fallbacks.findIndex((f) => f.location === location);
      if (at >= 0) ctx.fallbacks.splice(at, 1);
      retyped[`${output.name}.${target.name}`] = next;
    }
  }
  return { retyped, openOutputs: openOutputs(ctx, objectsMade) };
}

/** `extra` on the output types just made (and the object types below them) whose schema is open. */
function openOutputs(ctx: GenContext, roots: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const type = ctx.types.get(name);
    if (type?.kind !== 'object') return;
    for (const field of type.fields) visit(namedType(field.type));
    const pointer = COMPONENT.exec(type.source ?? '');
    const schema = pointer ? ctx.doc.components.schemas[pointer[1]!] : undefined;
    if (!schema || resolve(ctx.doc, schema).additionalProperties !== true) return;
    if (type.fields.some((f) => f.name === EXTRA_FIELD)) return;
    (type as ObjectModel).fields.push({
      name: EXTRA_FIELD, type: 'JSON',
      description: 'The properties Auth0 returned that this type does not declare (strategy-specific settings), as they are; write them back through the input\'s `extra`.',
    });
    ctx.fallback(`${type.name}.${EXTRA_FIELD}`, 'free-form object: the further properties an open object (additionalProperties: true) carries', type.source!);
    out[type.name] = EXTRA_FIELD;
  };
  for (const name of [...roots].sort()) visit(name);
  return out;
}

