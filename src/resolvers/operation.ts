/**
 * One generic resolver for any operation (DESIGN 7): arguments → path, query, headers and body
 * by the metadata; the response back as the field's value. Reads by id go through the entity
 * loaders (dedupe, priming, batching); other GETs through the request dedupe; writes prime
 * (or, for deletes, clear) the loaders with what they return.
 */
import { GraphQLError, type GraphQLResolveInfo, getNamedType, isObjectType } from 'graphql';
import type { OperationMetadata } from '../schema/metadata.js';
import type { WireObject } from '../loaders/entity-loader.js';
import type { GatewayContext } from './context.js';
import { toWire } from './inputs.js';
import { rawPathKey } from './node.js';
import { isBlobLike } from './scalars.js';
import type { UpstreamBody, UpstreamRequest } from '../upstream/index.js';
import { readsOf, selectedFieldNames, wireFields } from './selection.js';

export interface WireParams {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Splits GraphQL arguments into wire path, query and header parameters. */
export function wireParams(operation: OperationMetadata, args: Record<string, unknown>, info: GraphQLResolveInfo, ctx: GatewayContext): WireParams {
  const params: WireParams = { path: {}, query: {}, headers: {} };
  const argDefs = info.parentType.getFields()[info.fieldName]?.args ?? [];
  for (const [name, arg] of Object.entries(operation.args)) {
    const value = args[name];
    if (value === undefined || value === null) {
      if (arg.in === 'path') throw new GraphQLError(`Argument ${name} is required`, { extensions: { code: 'BAD_USER_INPUT', argument: name } });
      continue;
    }
    const type = argDefs.find((a) => a.name === name)?.type;
    const wire = type ? toWire(value, type, ctx.runtime.metadata) : value;
    if (arg.in === 'path') params.path[arg.wire] = rawPathKey(String(wire), arg.wire, operation, ctx.runtime);
    else if (arg.in === 'header') params.headers[arg.wire] = String(wire);
    else params.query[arg.wire] = wire;
  }
  // Auth0 answers 400 to `q` without `search_engine=v2|v3`; v3 is the only current engine (FACTS A3).
  if (operation.operationId === 'get_users' && params.query.q !== undefined && params.query.search_engine === undefined) params.query.search_engine = 'v3';
  return params;
}

export async function executeOperation(
  operation: OperationMetadata, args: Record<string, unknown>, ctx: GatewayContext, info: GraphQLResolveInfo,
): Promise<unknown> {
  const scope = ctx.gateway;
  const params = wireParams(operation, args, info, ctx);
  const body = operation.method === 'GET' ? undefined : await requestBody(operation, args, info, ctx);
  const returnType = getNamedType(info.returnType);
  scope.authorize(operation, {
    path: params.path,
    ...(body?.kind === 'json' ? { body: body.value } : body ? { body: {} } : {}),
    reads: () => (isObjectType(returnType) ? readsOf(ctx, returnType.name, info.fieldNodes.map((node) => node.selectionSet), info) : []),
  });
  const entity = isObjectType(returnType) ? scope.entity(returnType.name) : undefined;
  const projected = projection(operation, ctx, info);
  if (projected) params.query[operation.projection!.fields!] = projected.join(',');

  if (operation.method === 'GET') {
    const idParam = Object.values(params.path);
    const onlyId = idParam.length === 1 && Object.keys(params.query).every((k) => k === operation.projection?.fields) && Object.keys(params.headers).length === 0;
    if (entity && onlyId && operation.coordinate === ctx.runtime.metadata.entities[returnType.name]?.getOperation) {
      return entity.load(idParam[0]!, projected);
    }
    const body = await scope.fetch(operation, { path: params.path, query: params.query });
    const carried = projected ?? 'all';
    if (entity && body && typeof body === 'object' && !Array.isArray(body)) entity.prime(body as WireObject, carried);
    return shape(operation, body);
  }

  const extra: Partial<UpstreamRequest> = {};
  if (Object.keys(params.headers).length) extra.headers = params.headers;
  if (body) extra.body = body;
  const answer = await scope.send(scope.request(operation, params.path, params.query, extra));
  if (entity && answer && typeof answer === 'object' && !Array.isArray(answer)) entity.prime(answer as WireObject, 'all');
  if (operation.method === 'DELETE') forget(operation, params, ctx);
  return shape(operation, answer);
}

/** The wire body of a write, from its input argument (JSON) or its form fields (multipart). */
async function requestBody(operation: OperationMetadata, args: Record<string, unknown>, info: GraphQLResolveInfo, ctx: GatewayContext): Promise<UpstreamBody | undefined> {
  if (operation.body?.kind === 'json' && operation.body.arg && args[operation.body.arg] !== undefined) {
    const argType = info.parentType.getFields()[info.fieldName]!.args.find((a) => a.name === operation.body!.arg)!.type;
    return { kind: 'json', value: toWire(args[operation.body.arg], argType, ctx.runtime.metadata) };
  }
  if (operation.body?.kind === 'multipart') return { kind: 'multipart', value: await multipart(operation, args) };
  return undefined;
}

function shape(operation: OperationMetadata, body: unknown): unknown {
  return operation.result === 'none' ? true : body;
}

/** `fields=` for endpoints that take it, from the selection (`fields` is not an argument: projection.ts). */
function projection(operation: OperationMetadata, ctx: GatewayContext, info: GraphQLResolveInfo): string[] | undefined {
  if (!operation.projection?.fields) return undefined;
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return undefined;
  const selected = selectedFieldNames(info, info.fieldNodes[0]?.selectionSet);
  const fields = wireFields(ctx.runtime.metadata, type.name, selected, ctx.runtime.propertyNames(type.name), ctx.runtime.requiredKeys(type.name));
  return fields && fields.length > 0 ? fields : undefined;
}

/** A deleted entity must not be served from this request's cache afterwards. */
function forget(operation: OperationMetadata, params: WireParams, ctx: GatewayContext): void {
  for (const [type, entity] of Object.entries(ctx.runtime.metadata.entities)) {
    const get = ctx.runtime.operations.get(entity.getOperation);
    if (get?.path === operation.path) {
      const id = Object.values(params.path)[0];
      if (id) ctx.gateway.entity(type)?.clear(id);
    }
  }
}

async function multipart(operation: OperationMetadata, args: Record<string, unknown>): Promise<FormData> {
  const form = new FormData();
  for (const [arg, wire] of Object.entries(operation.body?.fields ?? {})) {
    const value = await args[arg];
    if (value === undefined || value === null) continue;
    if (isBlobLike(value)) form.append(wire, new Blob([await value.arrayBuffer()], { type: value.type }), value.name ?? 'upload');
    else form.append(wire, String(value));
  }
  return form;
}
