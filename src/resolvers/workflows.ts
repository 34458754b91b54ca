/**
 * Runtime of the user-management workflows (issue 13; generator step src/schema/workflows.ts):
 * - `users(filter:)`: the filter compiled to `q` (user-filter.ts) before the list runs;
 * - `createUser` and imports: the connection defaults to `users.defaultConnection`, and one
 *   outside `users.allowedConnections` is refused (CONNECTION_NOT_ALLOWED) before any call;
 * - `importUsers(connection:)`: a connection by name (GET /connections?name=…) or id, the file
 *   posted as multipart/form-data to POST /jobs/users-imports, the job answered.
 */
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { GeneratedMetadata, OperationMetadata } from '../schema/metadata.js';
import { pageBody } from '../loaders/page-body.js';
import type { GatewayContext } from './context.js';
import { isBlobLike } from './scalars.js';
import { type UserFilter, userSearchQuery } from './user-filter.js';

type Resolver = GraphQLFieldResolver<unknown, GatewayContext>;

/** Auth0 connection ids are `con_` and 16 letters or digits; a name can hold no `_`. */
const CONNECTION_ID = /^con_[A-Za-z0-9]+$/;

/** Wraps a root field's generic resolver with its workflow, when it has one. */
export function withWorkflow(op: OperationMetadata, base: Resolver): Resolver {
  switch (op.operationId) {
    case 'get_users':
      return (source, args, ctx, info) => {
        if (args.filter === undefined || args.filter === null) return base(source, args, ctx, info);
        const q = userSearchQuery(args.filter as UserFilter, args.q as string | undefined);
        const { filter: _filter, ...rest } = args;
        return base(source, { ...rest, q }, ctx, info);
      };
    case 'post_users':
      return (source, args, ctx, info) => {
        if (!ctx.runtime) return base(source, args, ctx, info);
        const input = (args.input ?? {}) as Record<string, unknown>;
        const connection = connectionToUse(ctx, typeof input.connection === 'string' ? input.connection : undefined, 'input.connection');
        if (isId(connection)) throw notAllowed(`createUser takes a connection name, not an id (${connection})`);
        allow(ctx, connection);
        return base(source, { ...args, input: { ...input, connection } }, ctx, info);
      };
    case 'post_users-imports':
      return async (source, args, ctx, info) => {
        if (ctx.runtime?.users.allowedConnections && typeof args.connectionId === 'string') {
          const found = await findConnection(ctx, args.connectionId);
          allow(ctx, found.name);
        }
        return base(source, args, ctx, info);
      };
    default:
      return base;
  }
}

/** Resolvers of the root fields the workflows step added. */
export function workflowRootFields(metadata: GeneratedMetadata): { Mutation: Record<string, Resolver> } {
  const mutation: Record<string, Resolver> = {};
  for (const [coordinate, workflow] of Object.entries(metadata.workflows ?? {})) {
    if (workflow.kind === 'import-users') mutation[coordinate.split('.')[1]!] = importUsers(workflow.operation, workflow.connections);
  }
  return { Mutation: mutation };
}

function importUsers(operationCoordinate: string, connectionsCoordinate: string | undefined): Resolver {
  return async (_source, args, ctx) => {
    if (!ctx.runtime) {
      throw new GraphQLError('importUsers cannot run: no Auth0 tenant or emulator is configured.', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    }
    const op = ctx.runtime.operations.get(operationCoordinate)!;
    ctx.gateway.authorize(op, { path: {}, body: {} });
    const given = typeof args.connection === 'string' ? args.connection : undefined;
    const wanted = connectionToUse(ctx, given, 'connection');
    if (!isId(wanted)) allow(ctx, wanted);
    const connection = await findConnection(ctx, wanted, connectionsCoordinate);
    if (isId(wanted)) allow(ctx, connection.name);

    const form = new FormData();
    for (const [arg, wire] of Object.entries(op.body?.fields ?? {})) {
      const value = wire === 'connection_id' ? connection.id : await args[arg];
      if (value === undefined || value === null) continue;
      if (isBlobLike(value)) form.append(wire, new Blob([await value.arrayBuffer()], { type: value.type || 'application/json' }), value.name ?? 'users.json');
      else form.append(wire, String(value));
    }
    return ctx.gateway.send(ctx.gateway.request(op, {}, {}, { body: { kind: 'multipart', value: form } }));
  };
}

function isId(connection: string): boolean {
  return CONNECTION_ID.test(connection);
}

/** The connection the caller named, or the configured default; a clear error when there is neither. */
function connectionToUse(ctx: GatewayContext, given: string | undefined, argument: string): string {
  const connection = given ?? ctx.runtime.users.defaultConnection;
  if (!connection) {
    throw new GraphQLError(`No connection given and no default is configured: pass ${argument}, or set users.defaultConnection (GATEWAY_DEFAULT_CONNECTION).`, {
      extensions: { code: 'BAD_USER_INPUT', argument },
    });
  }
  return connection;
}

function allow(ctx: GatewayContext, name: string): void {
  const allowed = ctx.runtime.users.allowedConnections;
  if (allowed && !allowed.includes(name)) throw notAllowed(`Connection ${JSON.stringify(name)} is not allowed on this gateway; allowed: ${allowed.join(', ')} (users.allowedConnections).`, name, allowed);
}

function notAllowed(message: string, connection?: string, allowed?: string[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONNECTION_NOT_ALLOWED', ...(connection ? { connection } : {}), ...(allowed ? { allowedConnections: allowed } : {}) } });
}

/** A connection's id and name, from its id (GET /connections/{id}) or its name (GET /connections?name=). */
async function findConnection(ctx: GatewayContext, ref: string, listCoordinate?: string): Promise<{ id: string; name: string }> {
  const ops = [...ctx.runtime.operations.values()];
  if (isId(ref)) {
    const get = ops.find((o) => o.operationId === 'get_connections_by_id')!;
    ctx.gateway.authorize(get, { path: { id: ref } });
    const body = await ctx.gateway.fetch(get, { path: { id: ref }, query: { fields: 'id,name', include_fields: true } }) as Record<string, unknown>;
    return { id: String(body.id), name: String(body.name) };
  }
  const list = (listCoordinate && ctx.runtime.operations.get(listCoordinate)) || ops.find((o) => o.operationId === 'get_connections')!;
  ctx.gateway.authorize(list, {});
  const body = await ctx.gateway.fetch(list, { path: {}, query: { name: ref, fields: 'id,name', include_fields: true } });
  const found = pageBody(body, list).items.find((c) => c && c.name === ref);
  if (!found) {
    throw new GraphQLError(`No connection named ${JSON.stringify(ref)} on this tenant.`, { extensions: { code: 'CONNECTION_NOT_FOUND', connection: ref } });
  }
  return { id: String(found.id), name: ref };
}
