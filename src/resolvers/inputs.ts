/**
 * Arguments → wire values. Input objects are walked with their GraphQL types so every camelCase
 * field goes back to its exact wire name; a @oneOf input (an OpenAPI oneOf) sends its one set
 * member as is; enum values already arrive as wire values (graphql-js maps them on input).
 * JSON values are passed through untouched.
 *
 * A null inside a nested input object (a connection's `options`, not the body's own fields) means
 * "not set" and is left out: what a screen reads back (absent settings as null) can be written
 * back as it is, and Auth0, which validates each nested property by its type, never sees
 * `"precedence": null`. A null given for a body field itself is sent, where it clears the value.
 */
import {
  type GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
} from 'graphql';
import type { GeneratedMetadata } from '../schema/metadata.js';

export function toWire(value: unknown, type: GraphQLInputType, metadata: GeneratedMetadata, nested = false): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return toWire(value, type.ofType, metadata, nested);
  if (isListType(type)) return (Array.isArray(value) ? value : [value]).map((v) => toWire(v, type.ofType, metadata, nested));
  if (isScalarType(type) || isEnumType(type)) return value;
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries = Object.entries(value as Record<string, unknown>);
    if (type.isOneOf) {
      const [name, member] = entries.find(([, v]) => v !== undefined) ?? [];
      return name ? toWire(member, fields[name]!.type, metadata, nested) : undefined;
    }
    const renamed = metadata.fieldWireNames[type.name] ?? {};
    const extra = metadata.openInputs?.[type.name];
    const out: Record<string, unknown> = {};
    for (const [name, v] of entries) {
      const field = fields[name];
      if (!field || v === undefined || name === extra || (v === null && nested)) continue;
      out[renamed[name] ?? name] = toWire(v, field.type, metadata, true);
    }
    // An open input's further properties go as they are; declared fields win (open-inputs.ts).
    const further = extra ? (value as Record<string, unknown>)[extra] : undefined;
    if (further && typeof further === 'object' && !Array.isArray(further)) {
      for (const [key, v] of Object.entries(further)) if (!(key in out)) out[key] = v;
    }
    return out;
  }
  return value;
}
