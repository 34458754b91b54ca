import { buildSchema, getNamedType, type GraphQLObjectType, isNonNullType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGenerated, loadSdl } from '../../src/schema/load.js';
import { generate } from '../../src/schema/generate.js';
import { SPEC_FILE } from '../../src/paths.js';

// README, "Naming and nullability rules".
const { metadata } = loadGenerated();
const typeDefs = loadSdl();
const schema = buildSchema(typeDefs);
const typeOf = (coordinate: string) => {
  const [type, field] = coordinate.split('.');
  return String((schema.getType(type!) as GraphQLObjectType).getFields()[field!]!.type);
};

describe('nullability rules', () => {
  it.each([
    ['User.userId', 'String!'], ['User.identities', '[UserIdentity!]!'], ['Client.clientId', 'String!'], ['Client.name', 'String!'], ['Role.roleId', 'String!'], ['Role.name', 'String!'],
    ['Connection.connectionId', 'String!'], ['Connection.name', 'String!'], ['Organization.organizationId', 'String!'], ['Organization.name', 'String!'],
    ['RoleUser.userId', 'String!'], ['OrganizationMember.userId', 'String!'], ['Log.logId', 'String!'], ['ResourceServer.identifier', 'String!'],
    ['UserPermission.permissionName', 'String!'], ['ClientGrant.scope', '[String!]!'],
    // No evidence that these are always sent: nullable.
    ['User.email', 'String'], ['Log.type', 'String'], ['Client.callbacks', '[String!]'],
  ])('%s: %s', (coordinate, type) => {
    expect(typeOf(coordinate)).toBe(type);
  });

  it('every non-null field of a spec type is one the overlay says is always present', () => {
    const { ctx } = generate(SPEC_FILE);
    const overlay = new Set<string>();
    for (const type of ctx.types.values()) {
      if (type.kind !== 'object' || !type.source || type.pageOf || type.edgeOf) continue;
      // A Node's own `id` (node-ids.ts) is the gateway's, always there.
      for (const f of type.fields) if (f.type.endsWith('!') && !(f.name === 'id' && type.interfaces?.includes('Node'))) overlay.add(`${type.name}.${f.name}`);
    }
    const unexpected = [...overlay].filter((c) => !/^(User|CreateUserPayload|Client|Role|Connection|Organization|CreateOrganizationPayload|Log|RoleUser|OrganizationMember|UserPermission|ResourceServer|ClientGrant)\./.test(c));
    expect(unexpected).toEqual([]);
  });

  it('every field that calls Auth0 is nullable, so a failed call nulls that field alone', () => {
    const calling = [
      ...Object.values(schema.getQueryType()!.getFields()), ...Object.values(schema.getMutationType()!.getFields()),
      ...metadata.edges.map((e) => (schema.getType(e.coordinate.split('.')[0]!) as GraphQLObjectType).getFields()[e.coordinate.split('.')[1]!]!),
    ];
    expect(calling.filter((f) => isNonNullType(f.type)).map((f) => f.name)).toEqual([]);
  });

  it('totalCount is Int! where every list returning the page counts (offset paging with totals, no checkpoint), Int elsewhere', () => {
    const pages = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && 'totalCount' in t.getFields());
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      const ops = Object.values(metadata.operations).filter((o) => o.returns === page.name);
      const counts = ops.every((o) => o.connection?.offset?.totals && !o.connection.checkpoint);
      expect(String(page.getFields().totalCount!.type), page.name).toBe(counts ? 'Int!' : 'Int');
    }
    expect(typeOf('UserPage.totalCount')).toBe('Int!');
    expect(typeOf('ConnectionPage.totalCount')).toBe('Int');
    expect(getNamedType((schema.getType('UserPage') as GraphQLObjectType).getFields().nodes!.type).name).toBe('User');
    expect(typeOf('UserPage.nodes')).toBe('[User!]!');
  });
});
