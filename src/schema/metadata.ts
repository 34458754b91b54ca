/**
 * The operation metadata: everything the runtime needs to turn a GraphQL field back into the
 * exact REST call, and a result back into GraphQL values. Generated into
 * `src/schema/generated/metadata.json`; start-up reads it instead of the 3.7 MB spec.
 */
import type { CheckpointPaging, OffsetPaging } from './pagination.js';
import type { WorkflowMetadata } from './workflows.js';

export interface ArgMetadata {
  /** Wire name of the parameter. */
  wire: string;
  in: 'path' | 'query' | 'header';
  explode?: boolean;
}

export interface BodyMetadata {
  /** `json` (the spec also allows form encoding for the same schema), or `multipart`. */
  kind: 'json' | 'multipart';
  /** For json: the argument holding the body. For multipart: argument name → form field name. */
  arg?: string;
  fields?: Record<string, string>;
  /** The input type of the body, for mapping camelCase fields to wire names. */
  inputType?: string;
}

export interface OperationMetadata {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** `Query.users`, `Mutation.createUser`. */
  coordinate: string;
  summary?: string;
  /** Auth0's rule: the caller needs any one of these. */
  scopes: string[];
  args: Record<string, ArgMetadata>;
  body?: BodyMetadata;
  /** The GraphQL type the response maps to (named type, no wrappers). */
  returns: string;
  /** `object` (a type), `list` (a plain list), `connection`, `none` (no content: the field answers true). */
  result: 'object' | 'list' | 'connection' | 'none' | 'json';
  connection?: {
    itemsKey?: string;
    offset?: OffsetPaging;
    checkpoint?: CheckpointPaging;
    /** Spec parameters replaced by first/after (so they are deliberately not arguments). */
    consumed: string[];
  };
  lifecycle?: string;
  /**
   * The endpoint's projection parameters (`fields`, `include_fields`), which are not arguments:
   * the gateway fills `fields` from the selection (projection.ts).
   */
  projection?: { fields?: string; includeFields?: string };
}

export interface EdgeMetadata {
  /** Where the edge lives: `User.roles`. */
  coordinate: string;
  /** Root field that does the work: `Query.userRoles`. */
  operation: string;
  /** Argument of the operation → wire key on the parent object that supplies it. */
  from: Record<string, string>;
  kind: 'sub-resource' | 'companion';
  /** A list of ids (`role_ids`): one entity per id. */
  list?: boolean;
}

export interface GeneratedMetadata {
  spec: { title: string; version: string; sha256: string };
  /** The overlays applied to the spec before generating (spec/overlays). */
  overlays: Array<{ file: string; sha256: string; actions: number }>;
  operations: Record<string, OperationMetadata>;
  /** Object and input types: GraphQL field name → wire name, only where they differ. */
  fieldWireNames: Record<string, Record<string, string>>;
  /** Enum types: GraphQL value name → wire value. */
  enums: Record<string, Record<string, string | number | boolean>>;
  /** Union and interface types (union-interfaces.ts): how a result object picks its member. */
  unions: Record<string, { members: Array<{ type: string; distinctKeys: string[] }>; discriminator?: { property: string; mapping: Record<string, string> } }>;
  /** @oneOf inputs standing for an OpenAPI oneOf: the set field's value is sent as is. */
  oneOfInputs: string[];
  /** Scalar unions (`IntOrString`): the built-in scalars they accept. */
  scalarUnions: Record<string, string[]>;
  /** Entity types and the key field that identifies them on the wire. */
  entities: Record<string, { key: string; getOperation: string }>;
  edges: EdgeMetadata[];
  /** Root fields answering one object through a list filter (`Query.connectionByName`; lookups.ts). */
  lookups?: Record<string, LookupMetadata>;
  /** Input types the spec leaves open (additionalProperties: true) → their pass-through field (open-inputs.ts). */
  openInputs?: Record<string, string>;
  /** Output types read back typed from an open schema → the field carrying what they do not declare (symmetric.ts). */
  openOutputs?: Record<string, string>;
  /** Root fields added by the workflows step (workflows.ts), each run through a spec operation. */
  workflows?: Record<string, WorkflowMetadata>;
}

export interface LookupMetadata {
  coordinate: string;
  /** The list operation's coordinate (`Query.connections`), the argument and wire filter it sets. */
  list: string;
  arg: string;
  filter: string;
  /** The object type answered (the entity's get-by-id type). */
  returns: string;
}
