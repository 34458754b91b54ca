/** Small readings of Schema Objects shared by the type conversion steps. */
import type { GenContext } from './context.js';
import { isGraphQLName, pascalCase } from './names.js';
import { type JsonSchema, resolve } from './spec.js';

export const SCALAR_TYPES: Record<string, string> = { string: 'String', integer: 'Int', number: 'Float', boolean: 'Boolean' };

export function scalarOf(jsType: string): string {
  return jsType === 'boolean' ? 'Boolean' : jsType === 'number' ? 'Float' : 'String';
}

export function nonNullTypes(schema: JsonSchema): string[] {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.filter((t) => t !== 'null');
}

export function isNullOnly(schema: JsonSchema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null');
}

export function isNullable(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [];
  if (types.includes('null')) return true;
  if (schema.enum?.includes(null)) return true;
  return (schema.oneOf ?? schema.anyOf ?? []).some((m) => isNullOnly(m));
}

/** Enums and plain scalars are the same GraphQL type whether read or written. */
export function isModeFree(ctx: GenContext, schema: JsonSchema): boolean {
  const s = resolve(ctx.doc, schema);
  if (s.enum) return true;
  if (s.properties || s.allOf || s.oneOf || s.anyOf || s.items) return false;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return types.every((t) => t !== 'object' && t !== 'array');
}

export function isDeprecated(ctx: GenContext, schema: JsonSchema): boolean {
  return Boolean(schema.deprecated) || Boolean(schema.$ref && resolve(ctx.doc, schema).deprecated);
}

export function memberSuffix(ctx: GenContext, member: JsonSchema, index: number): string {
  const resolved = resolve(ctx.doc, member);
  if (resolved.title && isGraphQLName(pascalCase(resolved.title))) return pascalCase(resolved.title);
  return `Variant${index + 1}`;
}
