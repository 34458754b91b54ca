/**
 * Model → graphql-js schema → SDL. graphql-js does the printing (descriptions, escaping) and
 * `lexicographicSortSchema` makes the output independent of the order types were discovered in.
 */
import {
  GraphQLBoolean, GraphQLEnumType, GraphQLFloat, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLInterfaceType, GraphQLList,
  GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString, GraphQLUnionType,
  type GraphQLFieldConfigArgumentMap, type GraphQLFieldConfigMap, type GraphQLInputFieldConfigMap,
  type GraphQLInputType, type GraphQLNamedType, type GraphQLOutputType, type GraphQLType,
  lexicographicSortSchema, printSchema,
} from 'graphql';
import type { FieldModel, TypeModel } from './model.js';
import { toMarkdown } from './descriptions.js';

const BUILTIN: Record<string, GraphQLNamedType> = {
  String: GraphQLString, Int: GraphQLInt, Float: GraphQLFloat, Boolean: GraphQLBoolean, ID: GraphQLID,
};

export function modelToSchema(types: Map<string, TypeModel>, query: FieldModel[], mutation: FieldModel[]): GraphQLSchema {
  const built = new Map<string, GraphQLNamedType>(Object.entries(BUILTIN));
  const named = (name: string): GraphQLNamedType => {
    const found = built.get(name);
    if (!found) throw new Error(`Type ${name} is referenced but never defined`);
    return found;
  };
  const wrap = (ref: string): GraphQLType => {
    if (ref.endsWith('!')) return new GraphQLNonNull(wrap(ref.slice(0, -1)) as never);
    if (ref.startsWith('[')) return new GraphQLList(wrap(ref.slice(1, -1)));
    return named(ref);
  };
  const args = (field: FieldModel): GraphQLFieldConfigArgumentMap =>
    Object.fromEntries((field.args ?? []).map((a) => [a.name, {
      type: wrap(a.type) as GraphQLInputType, description: toMarkdown(a.description), deprecationReason: a.deprecated,
    }]));
  const outputFields = (fields: FieldModel[]) => (): GraphQLFieldConfigMap<unknown, unknown> =>
    Object.fromEntries(fields.map((f) => [f.name, {
      type: wrap(f.type) as GraphQLOutputType, description: toMarkdown(f.description), deprecationReason: f.deprecated, args: args(f),
    }]));
  const inputFields = (fields: FieldModel[]) => (): GraphQLInputFieldConfigMap =>
    Object.fromEntries(fields.map((f) => [f.name, {
      type: wrap(f.type) as GraphQLInputType, description: toMarkdown(f.description), deprecationReason: f.deprecated,
    }]));

  for (const type of types.values()) {
    const description = toMarkdown(type.description);
    switch (type.kind) {
      case 'object':
        built.set(type.name, new GraphQLObjectType({
          name: type.name, description, fields: outputFields(type.fields),
          ...(type.interfaces?.length ? { interfaces: () => type.interfaces!.map((i) => named(i) as GraphQLInterfaceType) } : {}),
        }));
        break;
      case 'input':
        built.set(type.name, new GraphQLInputObjectType({
          name: type.name, description, fields: inputFields(type.fields), ...(type.oneOf ? { isOneOf: true } : {}),
        }));
        break;
      case 'enum':
        built.set(type.name, new GraphQLEnumType({
          name: type.name, description,
          values: Object.fromEntries(type.values.map((v) => [v.name, {
            value: v.wire, description: v.name === v.wire ? undefined : `Sent to Auth0 as \`${String(v.wire)}\`.`,
          }])),
        }));
        break;
      case 'union':
        built.set(type.name, new GraphQLUnionType({
          name: type.name, description, types: () => type.members.map((m) => named(m.type) as GraphQLObjectType),
        }));
        break;
      case 'interface':
        built.set(type.name, new GraphQLInterfaceType({ name: type.name, description, fields: outputFields(type.fields) }));
        break;
      case 'scalar':
        built.set(type.name, new GraphQLScalarType({ name: type.name, description }));
        break;
    }
  }
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', description: 'Reads: every GET operation of the Management API.', fields: outputFields(query) }),
    mutation: new GraphQLObjectType({ name: 'Mutation', description: 'Writes: every POST, PUT, PATCH and DELETE operation of the Management API.', fields: outputFields(mutation) }),
    types: [...built.values()].filter((t) => !(t.name in BUILTIN)),
  });
  return lexicographicSortSchema(schema);
}

export function printSdl(schema: GraphQLSchema, header: string): string {
  return `${header}\n${printSchema(schema)}\n`;
}
