/**
 * Reading the OpenAPI 3.1 document (OpenAPI 3.1 §4.8: the OpenAPI Object).
 *
 * Only the parts the generator uses are typed. The document is never mutated: every step
 * reads it through `resolve`, and every finding carries a JSON pointer into it so a warning
 * or a fallback in the report says exactly where it came from.
 */
import { readFileSync } from 'node:fs';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  title?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  deprecated?: boolean;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  [extension: string]: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  style?: string;
  explode?: boolean;
  schema: JsonSchema;
}

export interface MediaType {
  schema?: JsonSchema;
}

export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, MediaType> };
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>;
  security?: Array<Record<string, string[]>>;
  'x-operation-group': string | string[];
  'x-operation-name': string;
  'x-release-lifecycle'?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation with the coordinates the rest of the generator needs. */
export interface SpecOperation {
  method: HttpMethod;
  path: string;
  op: Operation;
  /** JSON pointer of the operation object, for messages. */
  pointer: string;
}

export function loadSpec(file: string): OpenApiDocument {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  if (!doc.openapi?.startsWith('3.1')) {
    throw new Error(`Expected an OpenAPI 3.1 document in ${file}, got openapi: ${JSON.stringify(doc.openapi)}`);
  }
  return doc;
}

/** Operations in document order (paths, then methods in a fixed order): the order is part of determinism. */
export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push({ method, path, op, pointer: `#/paths/${escapePointer(path)}/${method}` });
    }
  }
  return out;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON pointer segment as the key it names (`~1` → `/`, `~0` → `~`). */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const REF_PREFIX = '#/components/schemas/';

export function refName(ref: string): string {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`Unsupported $ref ${ref}: only ${REF_PREFIX}* is used by this spec`);
  return ref.slice(REF_PREFIX.length);
}

/** Follows $ref chains to the schema they name. */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${schema.$ref}`);
    const target = doc.components.schemas[refName(current.$ref)];
    if (!target) throw new Error(`Dangling $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** The operation's success (2xx) responses, lowest status first. */
export function successResponses(op: Operation): Array<{ status: string; schema?: JsonSchema; contentType?: string }> {
  return Object.entries(op.responses)
    .filter(([status]) => status.startsWith('2'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, response]) => {
      const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
      return { status, schema: media?.schema, contentType };
    });
}

/** Scopes the operation accepts; Auth0 reads the list as "any of" (FACTS A4). */
export function operationScopes(op: Operation): string[] {
  for (const requirement of op.security ?? []) {
    const scopes = requirement['oAuth2ClientCredentials'];
    if (scopes) return [...scopes];
  }
  return [];
}
