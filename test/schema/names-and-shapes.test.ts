import { buildSchema, type GraphQLField, type GraphQLObjectType, isEnumType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGenerated, loadSdl } from '../../src/schema/load.js';

// A sample chosen by hand: what a person writing this schema would have written.
const { metadata } = loadGenerated();
const typeDefs = loadSdl();
const schema = buildSchema(typeDefs);
const query = schema.getQueryType()!.getFields();
const mutation = schema.getMutationType()!.getFields();

function signature(field: GraphQLField<unknown, unknown> | undefined): string {
  if (!field) return 'missing';
  const args = field.args.map((a) => `${a.name}: ${String(a.type)}`).sort().join(', ');
  return `${field.name}(${args}): ${String(field.type)}`;
}

describe('names and shapes a person would write', () => {
  it.each([
    ['Query', 'users', 'users(after: String, before: String, connection: String, filter: UserFilter, first: Int, last: Int, page: Int, pageSize: Int, primaryOrder: Boolean, q: String, searchEngine: SearchEngineVersions, sort: String): UserPage', 'get_users'],
    ['Query', 'user', 'user(id: ID!): User', 'get_users_by_id'],
    ['Mutation', 'createUser', 'createUser(auth0CustomDomain: String, input: CreateUserInput!): User', 'post_users'],
    ['Mutation', 'updateUser', 'updateUser(auth0CustomDomain: String, id: ID!, input: UpdateUserInput): User', 'patch_users_by_id'],
    ['Mutation', 'deleteUser', 'deleteUser(id: ID!): Boolean', 'delete_users_by_id'],
    ['Mutation', 'assignUserRoles', 'assignUserRoles(id: ID!, input: AssignUserRolesInput!): Boolean', 'post_user_roles'],
    ['Query', 'connections', 'connections(after: String, before: String, first: Int, last: Int, name: String, page: Int, pageSize: Int, strategy: [ConnectionStrategy!]): ConnectionPage', 'get_connections'],
  ])('%s.%s', (root, name, expected, operationId) => {
    expect(signature((root === 'Query' ? query : mutation)[name])).toBe(expected);
    expect(metadata.operations[`${root}.${name}`]?.operationId).toBe(operationId);
  });

  it('lists connections as a Relay connection over checkpoint (and offset) pagination', () => {
    const meta = metadata.operations['Query.connections']!;
    expect(meta.connection?.checkpoint).toEqual({ fromParam: 'from', takeParam: 'take', maxTake: 100, next: { kind: 'field', key: 'next' } });
    expect(meta.connection?.itemsKey).toBe('connections');
    const connection = schema.getType('ConnectionPage') as GraphQLObjectType;
    expect(Object.keys(connection.getFields()).sort()).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
    expect(String(connection.getFields().edges!.type)).toBe('[ConnectionEdge!]!');
    const edge = schema.getType('ConnectionEdge') as GraphQLObjectType;
    expect(String(edge.getFields().node!.type)).toBe('Connection!');
    expect(String(edge.getFields().cursor!.type)).toBe('String!');
  });

  it('pages users by offset with totals and the 100-item page', () => {
    expect(metadata.operations['Query.users']!.connection).toMatchObject({
      itemsKey: 'users',
      offset: { pageParam: 'page', perPageParam: 'per_page', maxPerPage: 100, totals: 'include_totals' },
      consumed: ['page', 'per_page', 'include_totals'],
    });
    expect(metadata.operations['Query.users']!.connection?.checkpoint).toBeUndefined();
  });

  it('pages logs by checkpoint from the last log_id, as the API has no `next` there', () => {
    expect(metadata.operations['Query.logs']!.connection?.checkpoint?.next).toEqual({ kind: 'lastItem', key: 'log_id' });
  });

  it('puts a user\'s roles on User, fed by the user\'s id', () => {
    const user = schema.getType('User') as GraphQLObjectType;
    expect(signature(user.getFields().roles)).toBe('roles(after: String, before: String, first: Int, last: Int, page: Int, pageSize: Int): RolePage');
    expect(metadata.edges).toContainEqual({ coordinate: 'User.roles', operation: 'Query.userRoles', from: { id: 'user_id' }, kind: 'sub-resource' });
    expect(metadata.entities.User).toEqual({ key: 'user_id', getOperation: 'Query.user' });
  });

  it('gives id-valued fields a companion entity field', () => {
    const grant = schema.getType('ClientGrant') as GraphQLObjectType;
    expect(String(grant.getFields().client?.type)).toBe('Client');
    expect(String(grant.getFields().resourceServer?.type)).toBe('ResourceServer');
    const member = schema.getType('OrganizationMember') as GraphQLObjectType;
    expect(String(member.getFields().user?.type)).toBe('User');
    expect(metadata.edges).toContainEqual({ coordinate: 'ClientGrant.client', operation: 'Query.client', from: { id: 'client_id' }, kind: 'companion' });
  });

  it('renames hyphenated enum values and keeps the exact wire value', () => {
    const strategy = schema.getType('ConnectionStrategy');
    expect(isEnumType(strategy)).toBe(true);
    expect(metadata.enums.ConnectionStrategy).toMatchObject({ GOOGLE_OAUTH2: 'google-oauth2', AUTH0_ADLDAP: 'auth0-adldap', SAMLP: 'samlp' });
    const wires = Object.values(metadata.enums.ConnectionStrategy!);
    expect(new Set(wires).size).toBe(wires.length);
  });

  it('makes a union of a oneOf whose members are objects', () => {
    const filter = schema.getType('AculClientFilter');
    expect(isUnionType(filter)).toBe(true);
    expect(isUnionType(filter) && filter.getTypes().map((t) => t.name)).toEqual(['AculClientFilterById', 'AculClientFilterByMetadata']);
    expect(metadata.unions.AculClientFilter!.members.map((m) => m.distinctKeys)).toEqual([['id'], ['metadata']]);
  });

  it('uses camelCase fields with an exact map back to the wire', () => {
    const user = schema.getType('User') as GraphQLObjectType;
    expect(Object.keys(user.getFields())).toEqual(expect.arrayContaining(['userId', 'emailVerified', 'appMetadata', 'lastLogin']));
    expect(metadata.fieldWireNames.User).toMatchObject({ userId: 'user_id', emailVerified: 'email_verified', appMetadata: 'app_metadata' });
    expect(String(user.getFields().appMetadata!.type)).toBe('JSON');
    expect(String(user.getFields().createdAt!.type)).toBe('DateTime');
  });
});
