/**
 * Schema Objects → GraphQL types (OpenAPI 3.1 §4.8.24, i.e. JSON Schema 2020-12).
 *
 * - `type: [X, "null"]`, `enum: [..., null]` and a `{type: "null"}` branch mean nullable.
 * - `allOf` is merged; a one-member `allOf` (the spec's way to attach a description to a $ref) is the member.
 * - `oneOf`/`anyOf` of objects is a union for output and a @oneOf input for input; of scalars, the
 *   scalar (or a named scalar union such as `IntOrString`); anything mixing objects with arrays or
 *   scalars falls back to JSON, and so do free-form objects and maps. Every fallback is recorded.
 * - `format: date-time` is DateTime; integers beyond 32 bits are Float.
 * - enum values that are not GraphQL names are renamed; the model keeps the wire value.
 */
import type { GenContext } from './context.js';
import { type JsonSchema, escapePointer, refName, resolve } from './spec.js';
import { camelCase, enumValueName, NameRegistry, pascalCase, typeName } from './names.js';
import type { Converted, FieldModel, Mode, TypeConversion } from './model.js';
import { ChoiceConverter } from './choices.js';
import { isDeprecated, isModeFree, isNullable, nonNullTypes, SCALAR_TYPES, scalarOf } from './schema-kinds.js';

export type { Converted, Mode } from './model.js';
export { isNullable } from './schema-kinds.js';

const INT32_MAX = 2 ** 31 - 1;

export class TypeConverter implements TypeConversion {
  private readonly cache = new Map<string, Converted>();
  private readonly componentNames: Set<string>;
  private readonly inlineEnums = new Map<string, string>();
  private readonly choices: ChoiceConverter;

  constructor(private readonly ctx: GenContext) {
    this.componentNames = new Set(Object.keys(ctx.doc.components.schemas));
    for (const name of this.componentNames) ctx.componentTypeNames.add(this.componentTypeName(name));
    this.choices = new ChoiceConverter(ctx, this);
  }

  convert(schema: JsonSchema, mode: Mode, hint: string, pointer: string): Converted {
    if (schema.$ref) return this.convertComponent(refName(schema.$ref), mode);
    return this.convertInline(schema, mode, hint, pointer);
  }

  /** The GraphQL type of a component schema; cached so each component yields one type per mode. */
  convertComponent(component: string, mode: Mode): Converted {
    const target = mode === 'output' ? (this.ctx.outputAliases.get(component) ?? component) : component;
    const schema = this.ctx.doc.components.schemas[target];
    if (!schema) throw new Error(`Unknown component schema ${target}`);
    // Enums and scalars are the same type in both modes.
    const key = isModeFree(this.ctx, schema) ? `any:${target}` : `${mode}:${target}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const pointer = `#/components/schemas/${escapePointer(target)}`;
    const base = this.componentTypeName(target);
    // Reserve the entry before descending: recursive schemas (a user's identities, a flow's
    // nested actions) refer back to the type being built.
    const named = this.namedKind(schema);
    if (named) {
      const name = this.ctx.typeNames.claim(this.preferredName(base, target, mode, named));
      const placeholder: Converted = { ref: name, nullable: isNullable(schema), description: schema.description };
      this.cache.set(key, placeholder);
      const built = this.convertInline(schema, mode, base, pointer, name);
      // A free-form object or a mixed choice turns into JSON after all: release the reserved name.
      if (built.ref !== name) this.cache.set(key, { ...built, description: built.description ?? schema.description });
      return this.cache.get(key)!;
    }
    const built = this.convertInline(schema, mode, base, pointer);
    const result = { ...built, description: built.description ?? schema.description };
    this.cache.set(key, result);
    return result;
  }

  private convertInline(schema: JsonSchema, mode: Mode, hint: string, pointer: string, name?: string): Converted {
    const nullable = isNullable(schema);
    const description = schema.description;
    const done = (c: Converted): Converted => ({ ...c, nullable: c.nullable || nullable, description: description ?? c.description });

    if (schema.$ref) return done(this.convertComponent(refName(schema.$ref), mode));
    if (schema.allOf) {
      if (schema.allOf.length === 1 && !schema.properties) {
        return done(this.convert(schema.allOf[0]!, mode, hint, `${pointer}/allOf/0`));
      }
      return done(this.convertObject(this.mergeAllOf(schema), mode, hint, pointer, name));
    }
    const choice = schema.oneOf ?? schema.anyOf;
    if (choice) return done(this.choices.convert(schema, choice, mode, hint, pointer, name));
    if (schema.enum) return done(this.convertEnum(schema, hint, pointer, name));
    if (schema.const !== undefined) return done({ ref: scalarOf(typeof schema.const), nullable });

    const types = nonNullTypes(schema);
    if (types.length > 1) {
      if (types.every((t) => SCALAR_TYPES[t])) {
        return done({ ref: this.scalarUnion(types.map((t) => SCALAR_TYPES[t]!)), nullable });
      }
      return done(this.json(`value may be any of ${types.join(', ')}`));
    }
    const type = types[0] ?? (schema.properties ? 'object' : undefined);
    switch (type) {
      case 'object':
        return done(this.convertObject(schema, mode, hint, pointer, name));
      case 'array': {
        if (!schema.items) return done(this.json('array without an items schema'));
        const item = this.convert(schema.items, mode, `${hint}Item`, `${pointer}/items`);
        if (item.json) return done({ ref: `[${item.ref}]`, nullable, json: item.json });
        const itemIsEnum = this.ctx.types.get(item.ref)?.kind === 'enum';
        // An enum value Auth0 adds later must null one element, not the whole list (DESIGN 3).
        const inner = item.nullable || (mode === 'output' && itemIsEnum) ? item.ref : `${item.ref}!`;
        return done({ ref: `[${inner}]`, nullable });
      }
      case 'string':
        return done({ ref: schema.format === 'date-time' ? this.dateTime() : 'String', nullable });
      case 'integer': {
        const wide = schema.format === 'int64' || (typeof schema.maximum === 'number' && schema.maximum > INT32_MAX);
        return done({ ref: wide ? 'Float' : 'Int', nullable });
      }
      case 'number':
        return done({ ref: 'Float', nullable });
      case 'boolean':
        return done({ ref: 'Boolean', nullable });
      default:
        return done(this.json('no type is given: any JSON value'));
    }
  }

  private convertObject(schema: JsonSchema, mode: Mode, hint: string, pointer: string, name?: string): Converted {
    const properties = Object.entries(schema.properties ?? {});
    if (properties.length === 0) {
      const ap = schema.additionalProperties;
      return this.json(
        typeof ap === 'object' ? 'map: keys chosen by the caller (additionalProperties)' : 'free-form object (no declared properties)',
      );
    }
    const typeName = name ?? this.ctx.typeNames.claim(mode === 'input' ? `${hint}Input` : hint);
    const fields: FieldModel[] = [];
    const model = mode === 'input'
      ? { kind: 'input' as const, name: typeName, description: schema.description, fields, source: pointer }
      : { kind: 'object' as const, name: typeName, description: schema.description, fields, source: pointer };
    this.ctx.addType(model);
    const local = new NameRegistry();
    const required = new Set(schema.required ?? []);
    for (const [wire, propSchema] of properties) {
      const fieldName = local.claim(camelCase(wire));
      const propPointer = `${pointer}/properties/${escapePointer(wire)}`;
      const converted = this.convert(propSchema, mode, `${hint}${pascalCase(wire)}`, propPointer);
      if (converted.json) this.ctx.fallback(`${typeName}.${fieldName}`, converted.json, propPointer);
      const nonNull = mode === 'input' && required.has(wire) && !converted.nullable;
      const description = propSchema.description ?? converted.description;
      fields.push({
        name: fieldName,
        ...(fieldName !== wire ? { wire } : {}),
        type: nonNull ? `${converted.ref}!` : converted.ref,
        ...(description ? { description } : {}),
        ...(isDeprecated(this.ctx, propSchema) && !nonNull ? { deprecated: 'Deprecated in the Auth0 Management API.' } : {}),
      });
    }
    return { ref: typeName, nullable: false };
  }

  private convertEnum(schema: JsonSchema, hint: string, pointer: string, name?: string): Converted {
    // An inline enum is one type whether its object is read or written: key it by its place in the spec.
    const known = this.inlineEnums.get(pointer);
    if (known) return { ref: known, nullable: false };
    const values = (schema.enum ?? []).filter((v) => v !== null);
    const kinds = new Set(values.map((v) => typeof v));
    if (kinds.size !== 1 || !kinds.has('string')) {
      // Boolean and integer enums read best as the plain scalar.
      return { ref: scalarOf([...kinds][0] ?? 'string'), nullable: false };
    }
    const enumName = name ?? this.ctx.typeNames.claim(hint);
    this.inlineEnums.set(pointer, enumName);
    const local = new NameRegistry();
    this.ctx.addType({
      kind: 'enum', name: enumName, description: schema.description, source: pointer,
      values: (values as string[]).map((wire) => ({ name: local.claim(enumValueName(wire)), wire })),
    });
    return { ref: enumName, nullable: false };
  }

  mergeAllOf(schema: JsonSchema): JsonSchema {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [], description: schema.description };
    const add = (part: JsonSchema): void => {
      const resolved = resolve(this.ctx.doc, part);
      if (resolved.allOf) resolved.allOf.forEach(add);
      Object.assign(merged.properties!, resolved.properties ?? {});
      merged.required!.push(...(resolved.required ?? []));
    };
    schema.allOf!.forEach(add);
    add({ ...schema, allOf: undefined });
    return merged;
  }

  /** What a oneOf member is, for deciding between union, scalar and JSON. */
  /** JSON, with the reason recorded by the caller. */
  json(reason: string): Converted {
    return {
      ref: this.ctx.scalar('JSON', 'Any JSON value, passed through untouched (free-form objects such as metadata, and shapes GraphQL cannot express).'),
      nullable: true,
      json: reason,
    };
  }

  private dateTime(): string {
    return this.ctx.scalar('DateTime', 'An ISO-8601 date and time, as the Management API sends it.');
  }

  scalarUnion(scalars: string[]): string {
    const sorted = [...new Set(scalars)].sort();
    if (sorted.length === 1) return sorted[0]!;
    const name = sorted.join('Or');
    return this.ctx.scalar(name, `A value that is one of: ${sorted.join(', ')} (an OpenAPI oneOf of scalars).`, sorted);
  }

  /** A one-word kind for naming a component: only objects, enums and choices become named types. */
  private namedKind(schema: JsonSchema): 'object' | 'enum' | 'choice' | undefined {
    if (schema.allOf) return schema.allOf.length === 1 && !schema.properties ? undefined : 'object';
    if (schema.oneOf || schema.anyOf) return 'choice';
    if (schema.enum) return schema.enum.filter((v) => v !== null).every((v) => typeof v === 'string') ? 'enum' : undefined;
    if (schema.properties && Object.keys(schema.properties).length > 0) return 'object';
    return undefined;
  }

  /** `GetUserResponseContent` → `User`, `CreateUserRequestContent` → `CreateUserInput`, `UserIdentitySchema` → `UserIdentity`. */
  componentTypeName(component: string): string {
    const rules: Array<[RegExp, string]> = [
      [/^Get(.+)ResponseContent$/, '$1'],
      [/^(.+)ResponseContent$/, '$1Payload'],
      [/^(.+)RequestContent$/, '$1'],
      [/^(.+)ResponseSchema$/, '$1'],
      [/^(.+)Schema$/, '$1'],
      [/^(.+)Enum$/, '$1'],
    ];
    for (const [pattern, replacement] of rules) {
      if (pattern.test(component)) {
        const cleaned = typeName(component.replace(pattern, replacement));
        // Keep the spec's own name when the short one belongs to another component.
        const taken = this.componentNames.has(cleaned) && cleaned !== component && !this.ctx.outputAliases.has(cleaned);
        return taken ? typeName(component) : cleaned;
      }
    }
    return typeName(component);
  }

  private preferredName(base: string, component: string, mode: Mode, kind: 'object' | 'enum' | 'choice'): string {
    const wanted = mode === 'input' && kind !== 'enum' ? `${base}Input` : base;
    if (!this.ctx.typeNames.has(wanted)) return wanted;
    const raw = typeName(component);
    return mode === 'input' && kind !== 'enum' ? `${raw}Input` : raw;
  }
}
