/**
 * The served schema in a form that loads fast: the types, fields and arguments of the generated
 * SDL as plain JSON (src/schema/generated/schema.json), turned back into graphql-js types at
 * start-up without lexing, parsing or walking 1 MB of SDL.
 *
 * Lexing and parsing the SDL, then building it, was the largest single cost of `npm start`
 * (about 200 ms on this schema). From this form the types are made directly, every field map
 * left to be made on first use (lazy-types.ts): a query pays for the types it touches.
 * The SDL stays the readable, reviewed form: the generator writes both from the same built schema,
 * and the tests prove that the two give the same schema (printSchema and introspection alike).
 */
import {
  astFromValue, buildASTSchema, GraphQLDirective, type DirectiveLocation, GraphQLEnumType, type GraphQLEnumValueConfigMap,
  type GraphQLFieldConfigArgumentMap, type GraphQLFieldConfigMap, type GraphQLInputFieldConfigMap, type GraphQLInputType,
  type GraphQLInterfaceType, GraphQLList, type GraphQLNamedType, GraphQLNonNull, type GraphQLObjectType, type GraphQLOutputType,
  GraphQLScalarType, type GraphQLSchema, type GraphQLType, GraphQLUnionType, isEnumType, isInputObjectType, isInterfaceType,
  isIntrospectionType, isObjectType, isScalarType, isSpecifiedDirective, isSpecifiedScalarType, isUnionType, parse, parseValue,
  print, specifiedDirectives, specifiedScalarTypes, valueFromAST, type GraphQLArgument, type GraphQLInputField,
} from 'graphql';
import { buildLazySchema, LazyInputObjectType, LazyInterfaceType, LazyObjectType } from './lazy-types.js';

/** A type reference as SDL writes it: `String`, `[User!]!`. */
type TypeRef = string;
/** name, type, description, default value as a GraphQL literal, deprecation reason. */
type CompactInputValue = [string, TypeRef, string | null, string | null, string | null];
/** name, type, description, arguments, deprecation reason. */
type CompactField = [string, TypeRef, string | null, CompactInputValue[], string | null];
/** name, description, deprecation reason. */
type CompactEnumValue = [string, string | null, string | null];

type CompactType =
  | ['scalar', string, string | null, string | null]
  | ['object' | 'interface', string, string | null, string[], CompactField[]]
  | ['union', string, string | null, string[]]
  | ['enum', string, string | null, CompactEnumValue[]]
  | ['input', string, string | null, CompactInputValue[], boolean];

/** name, description, locations, arguments, repeatable. */
type CompactDirective = [string, string | null, string[], CompactInputValue[], boolean];

export interface CompactSchema {
  format: 1;
  description: string | null;
  query: string | null;
  mutation: string | null;
  subscription: string | null;
  directives: CompactDirective[];
  types: CompactType[];
}

/** The schema graphql-js builds from this SDL, in compact form (the generator's step). */
export function compactFromSdl(sdl: string): CompactSchema {
  const schema = buildASTSchema(parse(sdl, { noLocation: true }));
  const inputValues = (values: ReadonlyArray<GraphQLArgument | GraphQLInputField>): CompactInputValue[] => values.map((v): CompactInputValue => {
    const literal = v.defaultValue === undefined ? null : astFromValue(v.defaultValue, v.type);
    return [v.name, String(v.type), v.description ?? null, literal ? print(literal) : null, v.deprecationReason ?? null];
  });
  const fields = (type: GraphQLObjectType | GraphQLInterfaceType): CompactField[] => Object.values(type.getFields())
    .map((f): CompactField => [f.name, String(f.type), f.description ?? null, inputValues(f.args), f.deprecationReason ?? null]);
  const types: CompactType[] = [];
  // In the type map's order, graphql-js's own scalars included where the schema first uses them:
  // the lazily built schema lists its types in exactly this order.
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    const description = type.description ?? null;
    if (isSpecifiedScalarType(type)) types.push(['scalar', type.name, null, null]);
    else if (isScalarType(type)) types.push(['scalar', type.name, description, type.specifiedByURL ?? null]);
    else if (isObjectType(type)) types.push(['object', type.name, description, type.getInterfaces().map((i) => i.name), fields(type)]);
    else if (isInterfaceType(type)) types.push(['interface', type.name, description, type.getInterfaces().map((i) => i.name), fields(type)]);
    else if (isUnionType(type)) types.push(['union', type.name, description, type.getTypes().map((t) => t.name)]);
    else if (isEnumType(type)) types.push(['enum', type.name, description, type.getValues().map((v): CompactEnumValue => [v.name, v.description ?? null, v.deprecationReason ?? null])]);
    else if (isInputObjectType(type)) types.push(['input', type.name, description, inputValues(Object.values(type.getFields())), type.isOneOf]);
  }
  return {
    format: 1,
    description: schema.description ?? null,
    query: schema.getQueryType()?.name ?? null,
    mutation: schema.getMutationType()?.name ?? null,
    subscription: schema.getSubscriptionType()?.name ?? null,
    directives: schema.getDirectives().filter((d) => !isSpecifiedDirective(d))
      .map((d): CompactDirective => [d.name, d.description ?? null, [...d.locations], inputValues(d.args), d.isRepeatable]),
    types,
  };
}

/** Written one type to a line, so that a regeneration's diff reads type by type. */
export function printCompact(compact: CompactSchema): string {
  const { types, ...head } = compact;
  return `${JSON.stringify(head).slice(0, -1)},"types":[\n${types.map((t) => JSON.stringify(t)).join(',\n')}\n]}\n`;
}

/**
 * The graphql-js schema the compact form describes, each field map made on first use. Like
 * buildASTSchema with `assumeValid`: the form is generated from a schema graphql-js validated,
 * and proven current by the tests.
 */
export function schemaFromCompact(compact: CompactSchema): GraphQLSchema {
  if (compact.format !== 1) throw new Error(`Unknown compact schema format ${String(compact.format)}: run \`npm run generate\``);
  const specified = new Map<string, GraphQLNamedType>(specifiedScalarTypes.map((t) => [t.name, t]));
  const named = new Map<string, GraphQLNamedType>();
  const refs = new Map<TypeRef, GraphQLType>();
  const typeOf = (ref: TypeRef): GraphQLType => {
    let type = refs.get(ref);
    if (type) return type;
    if (ref.endsWith('!')) type = new GraphQLNonNull(typeOf(ref.slice(0, -1)) as GraphQLInputType & GraphQLOutputType);
    else if (ref.startsWith('[')) type = new GraphQLList(typeOf(ref.slice(1, -1)));
    else type = named.get(ref);
    if (!type) throw new Error(`The compact schema refers to an unknown type ${ref}`);
    refs.set(ref, type);
    return type;
  };
  const namedType = <T extends GraphQLNamedType>(name: string): T => typeOf(name) as T;
  const inputValues = (values: CompactInputValue[]): GraphQLFieldConfigArgumentMap & GraphQLInputFieldConfigMap => {
    const map: GraphQLFieldConfigArgumentMap = {};
    for (const [name, ref, description, literal, deprecationReason] of values) {
      const type = typeOf(ref) as GraphQLInputType;
      map[name] = { type, description, deprecationReason, defaultValue: literal === null ? undefined : valueFromAST(parseValue(literal), type) };
    }
    return map;
  };
  const fields = (list: CompactField[]) => (): GraphQLFieldConfigMap<unknown, unknown> => {
    const map: GraphQLFieldConfigMap<unknown, unknown> = {};
    for (const [name, ref, description, args, deprecationReason] of list) {
      map[name] = { type: typeOf(ref) as GraphQLOutputType, description, deprecationReason, args: inputValues(args) };
    }
    return map;
  };
  for (const entry of compact.types) {
    let type: GraphQLNamedType;
    switch (entry[0]) {
      case 'scalar': type = specified.get(entry[1]) ?? new GraphQLScalarType({ name: entry[1], description: entry[2], specifiedByURL: entry[3] }); break;
      case 'object': {
        const interfaces = entry[3];
        type = new LazyObjectType({ name: entry[1], description: entry[2], interfaces: () => interfaces.map((n) => namedType<GraphQLInterfaceType>(n)), fields: fields(entry[4]) }, () => entry[4].map((f) => f[0]));
        break;
      }
      case 'interface': {
        const interfaces = entry[3];
        type = new LazyInterfaceType({ name: entry[1], description: entry[2], interfaces: () => interfaces.map((n) => namedType<GraphQLInterfaceType>(n)), fields: fields(entry[4]) }, () => entry[4].map((f) => f[0]));
        break;
      }
      case 'union': {
        const members = entry[3];
        type = new GraphQLUnionType({ name: entry[1], description: entry[2], types: () => members.map((n) => namedType<GraphQLObjectType>(n)) });
        break;
      }
      case 'enum': {
        const values: GraphQLEnumValueConfigMap = {};
        for (const [name, description, deprecationReason] of entry[3]) values[name] = { value: name, description, deprecationReason };
        type = new GraphQLEnumType({ name: entry[1], description: entry[2], values });
        break;
      }
      case 'input': {
        const list = entry[3];
        type = new LazyInputObjectType({ name: entry[1], description: entry[2], isOneOf: entry[4], fields: () => inputValues(list) });
        break;
      }
    }
    named.set(type.name, type);
  }
  const root = (name: string | null): GraphQLObjectType | null => (name === null ? null : namedType<GraphQLObjectType>(name));
  return buildLazySchema({
    description: compact.description,
    query: root(compact.query),
    mutation: root(compact.mutation),
    subscription: root(compact.subscription),
    types: [...named.values()],
    ...(compact.directives.length > 0 ? {
      directives: [...specifiedDirectives, ...compact.directives.map(([name, description, locations, args, isRepeatable]) =>
        new GraphQLDirective({ name, description, locations: locations as DirectiveLocation[], args: inputValues(args), isRepeatable }))],
    } : {}),
    assumeValid: true,
  });
}
