/**
 * The generator's own model of the GraphQL schema it is building.
 *
 * Types refer to each other by SDL type strings (`[User!]`, `ID!`); `emit-sdl.ts` turns the
 * model into graphql-js objects and prints them, so escaping and validity are graphql-js's job.
 */
import type { JsonSchema } from './spec.js';

export interface FieldModel {
  name: string;
  /** The JSON property name on the wire, when it differs from `name`. */
  wire?: string;
  type: string;
  description?: string;
  deprecated?: string;
  args?: ArgModel[];
}

export interface ArgModel {
  name: string;
  type: string;
  description?: string;
  deprecated?: string;
}

interface TypeBase {
  name: string;
  description?: string;
  /** JSON pointer of the schema this type came from. */
  source?: string;
}

export interface ObjectModel extends TypeBase {
  kind: 'object';
  fields: FieldModel[];
  /** For the paging types (connections.ts): the node type this page (`XPage`) or edge (`XEdge`) holds. */
  pageOf?: string;
  edgeOf?: string;
  /** Interfaces this type implements (`Node`: node-ids.ts; `UserProfile`: user-profile.ts; union-interfaces.ts). */
  interfaces?: string[];
}

export interface InputModel extends TypeBase {
  kind: 'input';
  fields: FieldModel[];
  /** A @oneOf input standing for an OpenAPI oneOf: exactly one member field is set, its value is sent as is. */
  oneOf?: boolean;
}

export interface EnumValueModel {
  name: string;
  wire: string | number | boolean;
  description?: string;
}

export interface EnumModel extends TypeBase {
  kind: 'enum';
  values: EnumValueModel[];
}

export interface UnionMemberModel {
  type: string;
  /** Wire keys that only this member requires: how `__resolveType` tells members apart. */
  distinctKeys: string[];
}

export interface UnionModel extends TypeBase {
  kind: 'union';
  members: UnionMemberModel[];
  discriminator?: { property: string; mapping: Record<string, string> };
}

export interface ScalarModel extends TypeBase {
  kind: 'scalar';
  /** For the scalar unions of OpenAPI (`oneOf: [string, integer]`): the built-in scalars it accepts. */
  accepts?: string[];
}

/**
 * An interface: `Node` (node-ids.ts), `UserProfile` (user-profile.ts), or one standing for a union
 * whose members share fields (union-interfaces.ts): the shared fields are selectable without a
 * fragment, and `members` still says how a value picks its type.
 */
export interface InterfaceModel extends TypeBase {
  kind: 'interface';
  fields: FieldModel[];
  members?: UnionMemberModel[];
  discriminator?: { property: string; mapping: Record<string, string> };
}

export type TypeModel = ObjectModel | InputModel | EnumModel | UnionModel | InterfaceModel | ScalarModel;

/** A place in the schema typed as JSON, with the reason; listed by `npm run schema:report`. */
export interface JsonFallback {
  location: string;
  reason: string;
  pointer: string;
}

/** Strips list and non-null wrappers: `[User!]!` → `User`. */
export function namedType(ref: string): string {
  return ref.replace(/[[\]!]/g, '');
}

/** Which side of the schema a JSON schema is converted for. */
export type Mode = 'output' | 'input';

/** A JSON schema converted to a GraphQL type reference. */
export interface Converted {
  /** SDL type without a top-level `!`. */
  ref: string;
  nullable: boolean;
  /** Set when the value is typed JSON: why. */
  json?: string;
  description?: string;
}

/**
 * What the oneOf/anyOf step (choices.ts) needs from the type converter (types.ts): an interface
 * here, so the two files do not import each other.
 */
export interface TypeConversion {
  convert(schema: JsonSchema, mode: Mode, hint: string, pointer: string): Converted;
  convertComponent(component: string, mode: Mode): Converted;
  mergeAllOf(schema: JsonSchema): JsonSchema;
  json(reason: string): Converted;
  scalarUnion(scalars: string[]): string;
}
