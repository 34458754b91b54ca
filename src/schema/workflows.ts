/**
 * User-management workflows (issue 13): what an admin service needs beyond the one-field-per-
 * operation graph, added as one generator step after the edges.
 *
 * - `users(filter: UserFilter)`: named, typed filters the runtime compiles to an escaped Lucene
 *   `q` (src/resolvers/user-filter.ts), AND-ed with the raw `q`, which stays for experts.
 * - Page-index paging on every offset-paged connection (root fields and edges): `page`/`pageSize`
 *   beside the cursors, and `last`/`before` (offset paging can go backwards). Checkpoint-only
 *   lists get neither: a checkpoint cannot be walked backwards.
 * - `createUser`'s `input.connection` becomes optional: the configured default connection
 *   (`users.defaultConnection`) stands in when it is left out.
 * - `importUsers`: the users-imports job with its connection named by name or id, answering the
 *   `Job` (status, summary and the errors edge readable in one query).
 *
 * Operations are found by operationId, types by what the operations return: other steps may
 * rename fields and types without breaking this one.
 */
import type { GenContext } from './context.js';
import type { EdgeMetadata, OperationMetadata } from './metadata.js';
import type { ArgModel, FieldModel, InputModel } from './model.js';
import { namedType } from './model.js';
import type { RootFields } from './operations.js';

/** A root field this step adds, and the spec operation doing its work (policy and scopes follow it). */
export interface WorkflowMetadata {
  kind: 'import-users';
  /** Coordinate of the operation the field runs (`Mutation.createJobUsersImport`). */
  operation: string;
  /** Coordinate of the connections list used to find a connection by name. */
  connections?: string;
}

export const PAGE_ARG_NAMES = ['page', 'pageSize', 'last', 'before'] as const;

export function addWorkflows(ctx: GenContext, root: RootFields, edges: EdgeMetadata[], entities: Record<string, { type: string; getOperation: string }>): Record<string, WorkflowMetadata> {
  const ops = Object.values(root.operations);
  const byId = (id: string): OperationMetadata | undefined => ops.find((o) => o.operationId === id);
  const rootField = (coordinate: string): FieldModel | undefined => {
    const [type, name] = coordinate.split('.');
    return (type === 'Query' ? root.query : root.mutation).find((f) => f.name === name);
  };

  const users = byId('get_users');
  const usersField = users && rootField(users.coordinate);
  if (usersField) addUserFilter(ctx, usersField);

  for (const op of ops) {
    if (op.result !== 'connection' || !op.connection?.offset) continue;
    const field = rootField(op.coordinate);
    if (field) addPageArgs(field);
  }
  for (const edge of edges) {
    const op = root.operations[edge.operation];
    if (op?.result !== 'connection' || !op.connection?.offset) continue;
    const [typeName, fieldName] = edge.coordinate.split('.') as [string, string];
    const type = ctx.types.get(typeName);
    const field = type && type.kind === 'object' ? type.fields.find((f) => f.name === fieldName) : undefined;
    if (field) addPageArgs(field);
  }

  describePageInfo(ctx);

  const createUser = byId('post_users');
  if (createUser?.body?.inputType) optionalConnection(ctx, createUser.body.inputType);

  const workflows: Record<string, WorkflowMetadata> = {};
  const imports = byId('post_users-imports');
  const connections = byId('get_connections');
  const job = Object.values(entities).find((e) => root.operations[e.getOperation]?.operationId === 'get_jobs_by_id');
  if (imports?.body?.kind === 'multipart' && job) {
    const coordinate = 'Mutation.importUsers';
    if (root.mutation.some((f) => f.name === 'importUsers')) throw new Error('Mutation.importUsers is taken: the workflows step needs it');
    root.mutation.push(importUsersField(ctx, imports, job.type, rootField(imports.coordinate)));
    workflows[coordinate] = { kind: 'import-users', operation: imports.coordinate, ...(connections ? { connections: connections.coordinate } : {}) };
  }
  return workflows;
}

function addUserFilter(ctx: GenContext, field: FieldModel): void {
  const appMetadata = ctx.typeNames.claim('AppMetadataFilter');
  ctx.addType({
    kind: 'input', name: appMetadata,
    description: 'One condition on `app_metadata`: the value at `path` (dot-separated keys, `plan` or `subscription.tier`) equals `equals`, or one of `anyOf`. Auth0 matches metadata case-sensitively; strings only (Auth0 compares numbers and booleans by their text).',
    fields: [
      { name: 'path', type: 'String!', description: 'Keys below `app_metadata`, dot-separated: letters, digits, `_` and `-` only.' },
      { name: 'equals', type: 'String', description: 'The exact value.' },
      { name: 'anyOf', type: '[String!]', description: 'Any of these exact values (OR-ed).' },
    ],
  });
  const filter = ctx.typeNames.claim('UserFilter');
  const model: InputModel = {
    kind: 'input', name: filter,
    description: 'Named filters on users, compiled by the gateway to an escaped Lucene `q` (search engine v3). The fields set are AND-ed together and with `q`; values are matched exactly (quoted), never parsed as Lucene.',
    fields: [
      { name: 'email', type: 'String', description: 'The exact email address (case-insensitive, as Auth0 matches emails).' },
      { name: 'emailDomain', type: 'String', description: 'The domain part of the email (`example.com`).' },
      { name: 'nickname', type: 'String', description: 'The exact nickname (case-insensitive).' },
      { name: 'username', type: 'String', description: 'The exact username.' },
      { name: 'name', type: 'String', description: 'The exact full name (case-insensitive).' },
      { name: 'connection', type: '[String!]', description: 'Connection names: users of any of them (OR-ed), by `identities.connection`.' },
      { name: 'emailVerified', type: 'Boolean', description: 'Whether the email is verified.' },
      { name: 'blocked', type: 'Boolean', description: 'Whether the user is blocked (through the dashboard or the Management API).' },
      { name: 'appMetadata', type: `[${appMetadata}!]`, description: 'Conditions on `app_metadata` values, all of which must hold.' },
    ],
  };
  ctx.addType(model);
  (field.args ??= []).push({
    name: 'filter', type: filter,
    description: 'Named filters compiled to an escaped `q` (AND-ed with `q` when both are given). Bad values are refused with BAD_USER_INPUT before any call.',
  });
}

function addPageArgs(field: FieldModel): void {
  const args = field.args ??= [];
  if (args.some((a) => (PAGE_ARG_NAMES as readonly string[]).includes(a.name))) throw new Error(`${field.name} already has a page-index argument`);
  const added: ArgModel[] = [
    { name: 'page', type: 'Int', description: 'Page index, 0-based (as Auth0 counts pages): with `pageSize`, the items [page × pageSize, (page + 1) × pageSize). Not with `first`/`after`/`last`/`before`.' },
    { name: 'pageSize', type: 'Int', description: 'Items per page for `page` (default: the gateway\'s default page size; at most its connection cap).' },
    { name: 'last', type: 'Int', description: 'How many items to return counting back from `before` (or from the end of the list without `before`, which costs one more call to count it). Not with `first`/`after`.' },
    { name: 'before', type: 'String', description: 'Return the items before this cursor (a `startCursor` or edge `cursor`).' },
  ];
  args.push(...added);
}

/** PageInfo's descriptions, now that offset lists can be paged by index and backwards. */
function describePageInfo(ctx: GenContext): void {
  const pageInfo = ctx.types.get('PageInfo');
  if (pageInfo?.kind !== 'object') return;
  const describe = (name: string, description: string) => {
    const field = pageInfo.fields.find((f) => f.name === name);
    if (field) field.description = description;
  };
  describe('hasPreviousPage', 'Whether items precede `startCursor`: exact for offset-paged lists (by `page`, `after` or `before`); for checkpoint-paged lists, true when `after` was given.');
  describe('startCursor', 'Cursor of the first item of this page: pass it as `before` (with `last`) for the page before, on offset-paged lists.');
  if (pageInfo.description) pageInfo.description = 'Paging state of a connection: forwards with `first`/`after`; offset-paged lists also by `page`/`pageSize` and backwards with `last`/`before`.';
}

/** The default connection setting fills `connection` in when it is left out. */
function optionalConnection(ctx: GenContext, inputType: string): void {
  const type = ctx.types.get(inputType);
  if (type?.kind !== 'input') return;
  const field = type.fields.find((f) => (f.wire ?? f.name) === 'connection');
  if (!field) return;
  field.type = field.type.replace(/!$/, '');
  field.description = `${field.description ?? 'Name of the connection.'} Optional here: without it the gateway's \`users.defaultConnection\` setting is used; a connection outside \`users.allowedConnections\` is refused before any call.`;
}

function importUsersField(ctx: GenContext, imports: OperationMetadata, jobType: string, original: FieldModel | undefined): FieldModel {
  const kept = new Map((original?.args ?? []).map((a) => [a.name, a]));
  const wireOf = Object.fromEntries(Object.entries(imports.body?.fields ?? {}).map(([arg, wire]) => [wire, arg]));
  const passThrough = (wire: string): ArgModel[] => {
    const arg = kept.get(wireOf[wire] ?? '');
    return arg ? [{ ...arg, type: wire === 'users' ? `${namedType(arg.type)}!` : arg.type.replace(/!$/, '') }] : [];
  };
  const upload = ctx.scalar('Upload', 'A file sent with the GraphQL multipart request specification.');
  return {
    name: 'importUsers',
    type: jobType,
    description: [
      'Import users from a file into a connection named by name or id (a users-imports job), answering the job: follow it with `job(id:) { status summary errors }`.',
      'Without `connection` the gateway\'s `users.defaultConnection` is used; a connection outside `users.allowedConnections` is refused before any call. A name is looked up with GET /connections?name=….',
      'The file is sent as a GraphQL multipart request: the request must carry the CSRF-prevention header `x-graphql-yoga-csrf` (any value) or `graphql-require-preflight`.',
      `Requires any of the scopes: ${imports.scopes.join(', ')} (and read:connections to find a connection by name).`,
    ].join('\n\n'),
    args: [
      { name: 'connection', type: 'String', description: 'The connection: its name (`Username-Password-Authentication`) or its id (`con_…`).' },
      { name: 'users', type: `${upload}!`, description: 'The users file (JSON array, Auth0\'s bulk import schema), at most 500 KB.' },
      ...passThrough('upsert'), ...passThrough('external_id'), ...passThrough('send_completion_email'),
    ],
  };
}
