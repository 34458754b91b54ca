/**
 * Types whose fields are made when first asked for, not when the schema is built.
 *
 * graphql-js's GraphQLSchema constructor walks every field of every type to collect the types
 * they refer to; on a 2,000-type schema that walk made every field map, which was most of the
 * start-up's schema cost, though a query touches a handful of types. Given every type up front
 * (buildLazySchema), nothing is left to collect, so while the constructor runs these types
 * answer "no fields yet"; afterwards getFields makes them on first use, as graphql-js itself does
 * with a field thunk. Validation and execution reach fields only through getFields, so a type a
 * query never touches is never made; introspection of the whole schema makes them all.
 *
 * Work that must see a type's fields (setting resolvers, the drift guard) is registered with
 * whenFieldsMade and runs once, when they are made.
 */
import {
  type GraphQLFieldMap, type GraphQLInputFieldMap, type GraphQLInputObjectTypeConfig, type GraphQLInterfaceTypeConfig,
  type GraphQLNamedType, type GraphQLObjectTypeConfig, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema,
  type GraphQLSchemaConfig,
} from 'graphql';

let collecting = false;
const NOT_YET = Object.freeze(Object.create(null) as Record<string, never>);

type FieldsHook = (fields: GraphQLFieldMap<unknown, unknown>) => void;

/** The field names a lazy type declares, and the work waiting for its fields to be made. */
class PendingFields {
  #made = false;
  #hooks: FieldsHook[] = [];
  #names: ReadonlySet<string> | undefined;

  constructor(private readonly fieldNames: () => Iterable<string>) {}

  /** The names, read from the type's definition when first asked (most types are never asked). */
  get names(): ReadonlySet<string> {
    return (this.#names ??= new Set(this.fieldNames()));
  }

  /** Runs the waiting hooks the first time the fields are made; returns them. */
  made(fields: GraphQLFieldMap<unknown, unknown>): GraphQLFieldMap<unknown, unknown> {
    if (!this.#made) {
      this.#made = true;
      for (const hook of this.#hooks.splice(0)) hook(fields);
    }
    return fields;
  }

  when(hook: FieldsHook, fields: () => GraphQLFieldMap<unknown, unknown>): void {
    if (this.#made) hook(fields());
    else this.#hooks.push(hook);
  }
}

const pending = new WeakMap<GraphQLObjectType | GraphQLInterfaceType, PendingFields>();

/** An object type whose fields are made on first use. */
export class LazyObjectType extends GraphQLObjectType {
  constructor(config: GraphQLObjectTypeConfig<unknown, unknown>, fieldNames: () => Iterable<string>) {
    super(config);
    pending.set(this, new PendingFields(fieldNames));
  }

  override getFields(): GraphQLFieldMap<unknown, unknown> {
    return collecting ? NOT_YET : pending.get(this)!.made(super.getFields());
  }
}

/** An interface whose fields are made on first use. */
export class LazyInterfaceType extends GraphQLInterfaceType {
  constructor(config: GraphQLInterfaceTypeConfig<unknown, unknown>, fieldNames: () => Iterable<string>) {
    super(config);
    pending.set(this, new PendingFields(fieldNames));
  }

  override getFields(): GraphQLFieldMap<unknown, unknown> {
    return collecting ? NOT_YET : pending.get(this)!.made(super.getFields());
  }
}

/** An input type whose fields are made on first use. */
export class LazyInputObjectType extends GraphQLInputObjectType {
  override getFields(): GraphQLInputFieldMap {
    return collecting ? NOT_YET : super.getFields();
  }
}

/**
 * A schema of exactly `types` (every named type it has, in the order its type map should list
 * them, graphql-js's own scalars included where they are used), built without making any
 * lazy type's fields.
 */
export function buildLazySchema(config: GraphQLSchemaConfig & { types: GraphQLNamedType[] }): GraphQLSchema {
  collecting = true;
  try {
    return new GraphQLSchema(config);
  } finally {
    collecting = false;
  }
}

/** Runs `hook` on the type's fields once they are made (now, for a type that is not lazy or already made). */
export function whenFieldsMade(type: GraphQLObjectType | GraphQLInterfaceType, hook: FieldsHook): void {
  const lazy = pending.get(type);
  if (lazy) lazy.when(hook, () => type.getFields());
  else hook(type.getFields());
}

/** Whether the type has this field, without making a lazy type's fields. */
export function declaresField(type: GraphQLNamedType | undefined, field: string): boolean {
  const lazy = type && pending.get(type as GraphQLObjectType);
  if (lazy) return lazy.names.has(field);
  return Boolean(type && 'getFields' in type && Object.hasOwn(type.getFields(), field));
}
