/**
 * `oneOf` / `anyOf` (JSON Schema 2020-12 §10.2.1) → GraphQL: a union when every member is an
 * object (output), a @oneOf input (input); the scalar, or a named scalar union such as
 * `IntOrString`, when every member is a scalar; JSON, with the reason, for anything mixing kinds.
 * `{type: "null"}` members only make the value nullable.
 */
import type { GenContext } from './context.js';
import { camelCase, NameRegistry } from './names.js';
import type { FieldModel, UnionMemberModel } from './model.js';
import { isNullOnly, memberSuffix, nonNullTypes, SCALAR_TYPES, scalarOf } from './schema-kinds.js';
import { type JsonSchema, refName, resolve } from './spec.js';
import type { Converted, Mode, TypeConversion } from './model.js';

export class ChoiceConverter {
  constructor(private readonly ctx: GenContext, private readonly types: TypeConversion) {}

  convert(
    schema: JsonSchema, members: JsonSchema[], mode: Mode, hint: string, pointer: string, name?: string,
  ): Converted {
    const key = schema.oneOf ? 'oneOf' : 'anyOf';
    const live = members
      .map((member, index) => ({ member, pointer: `${pointer}/${key}/${index}` }))
      .filter(({ member }) => !isNullOnly(resolve(this.ctx.doc, member)));
    if (live.length === 1) return this.types.convert(live[0]!.member, mode, hint, live[0]!.pointer);
    const kinds = live.map(({ member }) => this.shapeOf(member));
    if (kinds.every((k) => k === 'object')) {
      return mode === 'output'
        ? this.union(schema, live, hint, pointer, name)
        : this.oneOfInput(schema, live, hint, pointer, name);
    }
    if (kinds.every((k) => k.startsWith('scalar:'))) {
      const scalars = [...new Set(kinds.map((k) => k.slice('scalar:'.length)))];
      return { ref: scalars.length === 1 ? scalars[0]! : this.types.scalarUnion(scalars), nullable: false };
    }
    if (kinds.every((k) => k === 'array')) {
      const items = live.map(({ member, pointer: p }) => this.types.convert(member, mode, hint, p));
      if (items.every((i) => i.ref === items[0]!.ref && !i.json)) return { ref: items[0]!.ref, nullable: false };
    }
    const distinct = [...new Set(kinds.map((k) => k.replace('scalar:', '').replace('object-free', 'free-form object')))];
    return this.types.json(`${key} mixes ${distinct.join(', ')}: GraphQL has no union of these kinds`);
  }

  union(
    schema: JsonSchema, live: Array<{ member: JsonSchema; pointer: string }>, hint: string, pointer: string, name?: string,
  ): Converted {
    const memberTypes: string[] = [];
    for (const [index, { member, pointer: p }] of live.entries()) {
      const converted = this.types.convert(member, 'output', `${hint}${memberSuffix(this.ctx, member, index)}`, p);
      const model = this.ctx.types.get(converted.ref);
      if (model?.kind === 'union') memberTypes.push(...model.members.map((m) => m.type));
      else if (model?.kind === 'object') memberTypes.push(converted.ref);
      else return this.types.json(`oneOf member ${index} is not an object type (${converted.ref})`);
    }
    const unique = [...new Set(memberTypes)];
    if (unique.length === 1) return { ref: unique[0]!, nullable: false };
    const unionName = name ?? this.ctx.typeNames.claim(hint);
    const keySets = live.map(({ member }) => this.objectKeys(member));
    const members: UnionMemberModel[] = unique.map((type) => {
      const index = memberTypes.indexOf(type);
      const own = keySets[index]?.required ?? [];
      const others = keySets.filter((_, i) => i !== index).flatMap((k) => k.all);
      return { type, distinctKeys: own.filter((k) => !others.includes(k)) };
    });
    const discriminator = schema.discriminator
      ? { property: schema.discriminator.propertyName, mapping: this.discriminatorMapping(schema, unique) }
      : undefined;
    this.ctx.addType({
      kind: 'union', name: unionName, description: schema.description, members, source: pointer,
      ...(discriminator ? { discriminator } : {}),
    });
    return { ref: unionName, nullable: false };
  }

  oneOfInput(
    schema: JsonSchema, live: Array<{ member: JsonSchema; pointer: string }>, hint: string, pointer: string, name?: string,
  ): Converted {
    const inputName = name ?? this.ctx.typeNames.claim(`${hint}Input`);
    const fields: FieldModel[] = [];
    this.ctx.addType({ kind: 'input', name: inputName, description: schema.description, fields, oneOf: true, source: pointer });
    const local = new NameRegistry();
    const base = inputName.replace(/Input$/, '');
    for (const [index, { member, pointer: p }] of live.entries()) {
      const converted = this.types.convert(member, 'input', `${hint}${memberSuffix(this.ctx, member, index)}`, p);
      const memberBase = converted.ref.replace(/Input$/, '');
      const label = memberBase.startsWith(base) && memberBase.length > base.length ? memberBase.slice(base.length) : memberBase;
      const fieldName = local.claim(camelCase(label));
      if (converted.json) this.ctx.fallback(`${inputName}.${fieldName}`, converted.json, p);
      fields.push({
        name: fieldName, type: converted.ref,
        description: converted.description ?? `Send the value as ${converted.ref}.`,
      });
    }
    return { ref: inputName, nullable: false };
  }


  shapeOf(member: JsonSchema): string {
    const schema = resolve(this.ctx.doc, member);
    if (schema.allOf) return schema.allOf.length === 1 && !schema.properties ? this.shapeOf(schema.allOf[0]!) : 'object';
    const choice = schema.oneOf ?? schema.anyOf;
    if (choice) {
      const inner = [...new Set(choice.filter((m) => !isNullOnly(resolve(this.ctx.doc, m))).map((m) => this.shapeOf(m)))];
      return inner.length === 1 ? inner[0]! : 'mixed';
    }
    if (schema.enum) {
      const kinds = [...new Set(schema.enum.filter((v) => v !== null).map((v) => typeof v))];
      return kinds.length === 1 ? `scalar:${scalarOf(kinds[0]!)}` : 'mixed';
    }
    const types = nonNullTypes(schema);
    if (types.length !== 1) return types.length === 0 && schema.properties ? 'object' : 'mixed';
    const type = types[0]!;
    if (type === 'object') return schema.properties && Object.keys(schema.properties).length > 0 ? 'object' : 'object-free';
    if (type === 'array') return 'array';
    if (type === 'string' && schema.format === 'date-time') return 'scalar:DateTime';
    return SCALAR_TYPES[type] ? `scalar:${SCALAR_TYPES[type]}` : 'mixed';
  }

  objectKeys(member: JsonSchema): { all: string[]; required: string[] } {
    let schema = resolve(this.ctx.doc, member);
    if (schema.allOf) schema = this.types.mergeAllOf(schema);
    return { all: Object.keys(schema.properties ?? {}), required: schema.required ?? [] };
  }

  discriminatorMapping(schema: JsonSchema, members: string[]): Record<string, string> {
    const mapping: Record<string, string> = {};
    for (const [value, ref] of Object.entries(schema.discriminator?.mapping ?? {})) {
      const converted = this.types.convertComponent(refName(ref), 'output');
      if (members.includes(converted.ref)) mapping[value] = converted.ref;
    }
    return mapping;
  }

}
