/**
 * Operations → root fields (OpenAPI 3.1 §4.8.10 Operation Object; DESIGN 1).
 *
 * Each of the spec's operations becomes exactly one field: GET on Query, the rest on Mutation.
 * Path, query and header parameters become camelCase arguments (ids as `ID!`); a JSON or form
 * body becomes `input`; the multipart body (users-imports) becomes one argument per form field,
 * its file an `Upload`. Paged lists become connections (see pagination.ts); a response without
 * content answers `Boolean` (true once Auth0 accepted the call).
 */
import type { GenContext } from './context.js';
import { camelCase, NameRegistry, pascalCase } from './names.js';
import type { ArgModel, FieldModel } from './model.js';
import { namedType } from './model.js';
import type { ArgMetadata, BodyMetadata, OperationMetadata } from './metadata.js';
import { operationFieldName } from './operation-names.js';
import { detectList } from './pagination.js';
import { type JsonSchema, type SpecOperation, escapePointer, listOperations, operationScopes, resolve, successResponses } from './spec.js';
import type { TypeConverter } from './types.js';
import type { ConnectionBuilder } from './connections.js';

export interface RootFields {
  query: FieldModel[];
  mutation: FieldModel[];
  operations: Record<string, OperationMetadata>;
}

export function buildOperations(ctx: GenContext, types: TypeConverter, connections: ConnectionBuilder): RootFields {
  const out: RootFields = { query: [], mutation: [], operations: {} };
  const names = { Query: new NameRegistry(), Mutation: new NameRegistry() };
  for (const operation of listOperations(ctx.doc)) {
    const root = operation.method === 'get' ? 'Query' : 'Mutation';
    const preferred = operationFieldName(operation);
    if (names[root].has(preferred)) {
      throw new Error(`Two operations want ${root}.${preferred}; the second is ${operation.op.operationId}. Add a NAME_OVERRIDES entry.`);
    }
    const fieldName = names[root].claim(preferred);
    const { field, metadata } = buildOperation(ctx, types, connections, operation, `${root}.${fieldName}`);
    (root === 'Query' ? out.query : out.mutation).push(field);
    out.operations[metadata.coordinate] = metadata;
  }
  return out;
}

function buildOperation(
  ctx: GenContext, types: TypeConverter, connections: ConnectionBuilder, operation: SpecOperation, coordinate: string,
): { field: FieldModel; metadata: OperationMetadata } {
  const { op, method, path, pointer } = operation;
  const fieldName = coordinate.split('.')[1]!;
  const typeHint = pascalCase(fieldName);
  const success = successResponses(op);
  const response = success.find((r) => r.schema) ?? success[0];
  const list = method === 'get' ? detectList(ctx.doc, op, response?.schema) : undefined;

  const args: ArgModel[] = [];
  const argMeta: Record<string, ArgMetadata> = {};
  const local = new NameRegistry();
  for (const [index, param] of (op.parameters ?? []).entries()) {
    if (param.in === 'cookie' || list?.consumed.includes(param.name)) continue;
    const name = local.claim(camelCase(param.name));
    const paramPointer = `${pointer}/parameters/${index}`;
    const converted = types.convert(param.schema, 'input', `${typeHint}${pascalCase(param.name)}`, `${paramPointer}/schema`);
    if (converted.json) ctx.fallback(`${coordinate}(${name}:)`, converted.json, paramPointer);
    const isId = param.in === 'path' && converted.ref === 'String';
    const type = isId ? 'ID' : converted.ref;
    args.push({
      name,
      type: param.required || param.in === 'path' ? `${type}!` : type,
      ...(param.description ? { description: param.description } : {}),
      ...(param.deprecated && !param.required ? { deprecated: 'Deprecated in the Auth0 Management API.' } : {}),
    });
    argMeta[name] = {
      wire: param.name,
      in: param.in,
      ...(param.explode === false ? { explode: false } : {}),
    };
  }
  if (list) {
    args.push(
      { name: local.claim('first'), type: 'Int', description: 'How many items to return (several upstream pages are fetched when this exceeds the page size, up to the gateway\'s cap).' },
      { name: local.claim('after'), type: 'String', description: 'Return the items after this cursor (an `endCursor` or edge `cursor`).' },
    );
  }

  let body: BodyMetadata | undefined;
  if (op.requestBody) {
    const [contentType, media] = pickBodyContent(op.requestBody.content);
    const bodyPointer = `${pointer}/requestBody/content/${escapePointer(contentType)}/schema`;
    if (contentType === 'multipart/form-data' && media.schema) {
      body = { kind: 'multipart', fields: multipartArgs(ctx, types, media.schema, typeHint, bodyPointer, local, args) };
    } else if (media.schema) {
      const converted = types.convert(media.schema, 'input', `${typeHint}`, bodyPointer);
      const name = local.claim('input');
      if (converted.json) ctx.fallback(`${coordinate}(${name}:)`, converted.json, bodyPointer);
      // The spec marks no body as required; a body whose schema requires properties is required in effect.
      const required = op.requestBody.required || (resolve(ctx.doc, media.schema).required?.length ?? 0) > 0;
      args.push({
        name,
        type: required && !converted.nullable ? `${converted.ref}!` : converted.ref,
        description: op.requestBody.description ?? 'The request body.',
      });
      body = { kind: 'json', arg: name, inputType: namedType(converted.ref) };
    }
  }

  let type: string;
  let result: OperationMetadata['result'];
  let connection: OperationMetadata['connection'];
  if (list) {
    const item = types.convert(list.item, 'output', `${typeHint}Item`, `${pointer}/responses/200`);
    const itemFallback = item.json ? { reason: item.json, pointer: `${pointer}/responses/200` } : undefined;
    // Nullable: a refused or failed list must not take its sibling fields down with it.
    type = connections.connectionFor(item.ref, Boolean(list.offset?.totals), itemFallback);
    result = 'connection';
    connection = {
      consumed: list.consumed,
      ...(list.itemsKey ? { itemsKey: list.itemsKey } : {}),
      ...(list.offset ? { offset: list.offset } : {}),
      ...(list.checkpoint ? { checkpoint: list.checkpoint } : {}),
    };
  } else if (response?.schema && response.contentType === 'application/json') {
    const responsePointer = `${pointer}/responses/${response.status}/content/application~1json/schema`;
    const converted = types.convert(response.schema, 'output', `${typeHint}Payload`, responsePointer);
    if (converted.json) ctx.fallback(coordinate, converted.json, responsePointer);
    type = converted.ref;
    result = converted.json ? 'json' : resolve(ctx.doc, response.schema).type === 'array' ? 'list' : 'object';
  } else if (response?.schema) {
    // `text/event-stream` (GET /events): a stream, which a single GraphQL response cannot carry.
    type = ctx.scalar('JSON', '');
    ctx.fallback(coordinate, `${response.contentType} response: the raw body is returned`, `${pointer}/responses/${response.status}`);
    result = 'json';
  } else {
    type = 'Boolean';
    result = 'none';
  }

  const description = [op.summary, op.description].filter(Boolean).join('\n\n');
  const scopes = operationScopes(op);
  const field: FieldModel = {
    name: fieldName,
    type,
    args,
    description: `${description}${scopes.length ? `\n\nRequires any of the scopes: ${scopes.join(', ')}.` : ''}`,
    ...(op.deprecated ? { deprecated: 'Deprecated in the Auth0 Management API.' } : {}),
  };
  const metadata: OperationMetadata = {
    operationId: op.operationId,
    method: method.toUpperCase() as OperationMetadata['method'],
    path,
    coordinate,
    ...(op.summary ? { summary: op.summary } : {}),
    scopes,
    args: argMeta,
    ...(body ? { body } : {}),
    returns: namedType(type),
    result,
    ...(connection ? { connection } : {}),
    ...(op['x-release-lifecycle'] ? { lifecycle: op['x-release-lifecycle'] } : {}),
  };
  return { field, metadata };
}

/** JSON and form bodies share one schema in this spec; JSON is what the gateway sends. */
function pickBodyContent(content: Record<string, { schema?: JsonSchema }>): [string, { schema?: JsonSchema }] {
  const entries = Object.entries(content);
  return entries.find(([type]) => type === 'application/json') ?? entries[0]!;
}

function multipartArgs(
  ctx: GenContext, types: TypeConverter, schema: JsonSchema, hint: string, pointer: string, local: NameRegistry, args: ArgModel[],
): Record<string, string> {
  const resolved = resolve(ctx.doc, schema);
  const required = new Set(resolved.required ?? []);
  const fields: Record<string, string> = {};
  for (const [wire, prop] of Object.entries(resolved.properties ?? {})) {
    const name = local.claim(camelCase(wire));
    const p = resolve(ctx.doc, prop);
    const isFile = p.format === 'binary' || p.contentMediaType !== undefined || p.contentEncoding !== undefined;
    const ref = isFile
      ? ctx.scalar('Upload', 'A file sent with the GraphQL multipart request specification.')
      : types.convert(prop, 'input', `${hint}${pascalCase(wire)}`, `${pointer}/properties/${escapePointer(wire)}`).ref;
    args.push({ name, type: required.has(wire) ? `${ref}!` : ref, ...(p.description ? { description: p.description } : {}) });
    fields[name] = wire;
  }
  return fields;
}
