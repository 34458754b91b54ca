/**
 * Arguments → wire values. Input objects are walked with their GraphQL types so every camelCase
 * field goes back to its exact wire name; a @oneOf input (an OpenAPI oneOf) sends its one set
 * member as is; enum values already arrive as wire values (graphql-js maps them on input).
 * JSON values are passed through untouched.
 */
import {
  type GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
} from 'graphql';
import type { GeneratedMetadata } from '../schema/metadata.js';

export function toWire(value: unknown, type: GraphQLInputType, metadata: GeneratedMetadata): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return toWire(value, type.ofType, metadata);
  if (isListType(type)) return (Array.isArray(value) ? value : [value]).map((v) => toWire(v, type.ofType, metadata));
  if (isScalarType(type) || isEnumType(type)) return value;
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries = Object.entries(value as Record<string, unknown>);
    if (type.isOneOf) {
      const [name, member] = entries.find(([, v]) => v !== undefined) ?? [];
      return name ? toWire(member, fields[name]!.type, metadata) : undefined;
    }
    const renamed = metadata.fieldWireNames[type.name] ?? {};
    const extra = metadata.openInputs?.[type.name];
    const out: Record<string, unknown> = {};
    for (const [name, v] of entries) {
      const field = fields[name];
      if (!field || v === undefined || name === extra) continue;
      out[renamed[name] ?? name] = toWire(v, field.type, metadata);
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
