/**
 * `Node` at run time (src/schema/node-ids.ts made the schema side): every entity type's `id`,
 * `Query.node(id:)`, `Query.nodes(ids:)` and `Query.me`.
 *
 * A lookup by global id is the get-by-id field in another form, so it is checked exactly as
 * that field is (`RequestScope.authorize` with the key as the path parameter and the fields
 * read: `read:current_user` reads its own user only) and loaded through the request's entity
 * loaders, which batch it (users by id: one search per 50 ids, when the caller may search users
 * in full) and share it with every other lookup in the request. A malformed id is refused before
 * any call.
 */
import { GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { GeneratedMetadata, OperationMetadata } from '../schema/metadata.js';
import type { Runtime } from './runtime.js';
import type { GatewayContext } from './context.js';
import { decodeNodeId, encodeNodeId, tryDecodeNodeId } from './node-id.js';
import { readsOf } from './selection.js';

/** Most ids one `nodes` field takes. */
export const MAX_NODE_IDS = 100;
const NODE_TYPE = Symbol('node type');

function noUpstream(field: string): GraphQLError {
  return new GraphQLError(`Query.${field} cannot run: no Auth0 tenant or emulator is configured.`, { extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
}

/** Loads one entity as its get-by-id field would: the same scope check, then the request's loader. */
async function loadEntity(ctx: GatewayContext, info: GraphQLResolveInfo, type: string, key: string): Promise<object> {
  const entity = ctx.runtime.metadata.entities[type]!;
  const get = ctx.runtime.operations.get(entity.getOperation)!;
  const idParam = Object.values(get.args).find((a) => a.in === 'path')!.wire;
  const sets = info.fieldNodes.map((node) => node.selectionSet);
  ctx.gateway.authorize(get, { path: { [idParam]: key }, reads: () => readsOf(ctx, type, sets, info) });
  const loader = ctx.gateway.entity(type);
  if (!loader) throw new GraphQLError(`${type} cannot be loaded by id.`, { extensions: { code: 'NOT_IMPLEMENTED' } });
  const value = await loader.load(key);
  return Object.assign(Object.create(value) as object, { [NODE_TYPE]: type });
}

export function nodeResolvers(metadata: GeneratedMetadata, schemaHas: (coordinate: string) => boolean): IResolvers {
  const types = new Set(Object.keys(metadata.entities));
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const [type, { key }] of Object.entries(metadata.entities)) {
    if (!schemaHas(`${type}.id`)) continue;
    resolvers[type] = {
      id: (source: Record<string, unknown>) => {
        const value = source[key];
        if (typeof value !== 'string' || value === '') {
          throw new GraphQLError(`This ${type} came without its key ${key}, so it has no id.`, { extensions: { code: 'UPSTREAM_INVALID_RESPONSE' } });
        }
        return encodeNodeId(type, value);
      },
    };
  }
  if (!schemaHas('Query.node')) return resolvers as IResolvers;

  const node: GraphQLFieldResolver<unknown, GatewayContext, { id: string }> = (_source, args, ctx, info) => {
    if (!ctx.runtime) throw noUpstream('node');
    const { type, key } = decodeNodeId(args.id, types);
    return loadEntity(ctx, info, type, key);
  };
  const nodes: GraphQLFieldResolver<unknown, GatewayContext, { ids: string[] }> = (_source, args, ctx, info) => {
    if (!ctx.runtime) throw noUpstream('nodes');
    if (args.ids.length > MAX_NODE_IDS) {
      throw new GraphQLError(`nodes takes at most ${MAX_NODE_IDS} ids, got ${args.ids.length}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
    }
    // Every id is decoded before anything is loaded: one malformed id refuses the field, with no call made.
    const decoded = args.ids.map((id, index) => {
      try {
        return decodeNodeId(id, types);
      } catch (error) {
        const e = error as GraphQLError;
        throw new GraphQLError(`ids[${index}]: ${e.message}`, { extensions: { ...e.extensions, argument: 'ids', index } });
      }
    });
    // Each id is checked and loaded on its own: a refused or missing one is null with its error, the rest answer.
    return decoded.map(({ type, key }) => {
      try {
        return loadEntity(ctx, info, type, key);
      } catch (error) {
        return error;
      }
    });
  };
  resolvers.Node = { __resolveType: (value: Record<symbol, unknown>) => value[NODE_TYPE] };
  resolvers.Query = { node, nodes };

  if (schemaHas('Query.me')) {
    const me: GraphQLFieldResolver<unknown, GatewayContext> = (_source, _args, ctx, info) => {
      if (!ctx.runtime) throw noUpstream('me');
      const subject = ctx.gateway.subject;
      // A client-credentials token's `sub` is `<client id>@clients` (Auth0's form): a machine, not a user.
      if (!subject || subject.endsWith('@clients')) {
        throw new GraphQLError('me needs a signed-in user: send a user\'s access token (Authorization: Bearer …) whose `sub` is an Auth0 user id. '
          + 'API keys, client-credentials tokens and the open demo have no user.', { extensions: { code: 'UNAUTHENTICATED' } });
      }
      const userType = info.returnType.toString().replace(/!$/, '');
      return loadEntity(ctx, info, userType, subject);
    };
    resolvers.Query.me = me;
  }
  return resolvers as IResolvers;
}

/**
 * A path argument naming an entity (`role(id:)`, `roleUsers(id:)`, `organizationMembers(id:)`)
 * takes the entity's Auth0 key, as always, or its Node id, which becomes the key: a client that
 * holds `Role.id` can pass it on. Only a Node id of the entity the path names is translated; any
 * other value is sent as it is (an Auth0 key is never a canonical Node id of that path's type).
 */
export function rawPathKey(value: string, param: string, operation: OperationMetadata, runtime: Runtime): string {
  const decoded = tryDecodeNodeId(value);
  const entity = decoded && runtime.entities.get(decoded.type);
  if (!entity || !entity.get.path.endsWith(`{${param}}`) || !operation.path.startsWith(entity.get.path)) return value;
  const next = operation.path.charAt(entity.get.path.length);
  return next === '' || next === '/' ? decoded.key : value;
}
