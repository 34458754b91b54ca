import { buildSchema, getNamedType, type GraphQLInterfaceType, type GraphQLNamedType, type GraphQLObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGenerated, loadSdl } from '../../src/schema/load.js';
import { collapseDoubledWords, RESERVED_SUFFIXES, typeNameWords } from '../../src/schema/type-names.js';
import { sameSubject } from '../../src/schema/shapes.js';
import { camelCase, enumValueName, pascalCase, isGraphQLName } from '../../src/schema/names.js';
import { operationFieldName } from '../../src/schema/operation-names.js';
import { toMarkdown } from '../../src/schema/descriptions.js';
import type { SpecOperation } from '../../src/schema/spec.js';

describe('camelCase and PascalCase', () => {
  it.each([
    ['user_id', 'userId'],
    ['include_totals', 'includeTotals'],
    ['auth0-custom-domain', 'auth0CustomDomain'],
    ['grant_types', 'grantTypes'],
    ['camelAlready', 'camelAlready'],
    ['X-Forwarded-For', 'xForwardedFor'],
    ['2fa_enabled', '_2faEnabled'],
    ['$ref', 'ref'],
  ])('%s → %s', (wire, want) => {
    expect(camelCase(wire)).toBe(want);
    expect(isGraphQLName(camelCase(wire))).toBe(true);
  });

  it('makes type names legal', () => {
    expect(pascalCase('client-grant')).toBe('ClientGrant');
    expect(pascalCase('samlp')).toBe('Samlp');
  });
});

describe('enum value names', () => {
  it.each([
    ['google-oauth2', 'GOOGLE_OAUTH2'],
    ['fapi1_adv_pkj_par', 'FAPI1_ADV_PKJ_PAR'],
    ['non_interactive', 'NON_INTERACTIVE'],
    ['camelCase', 'CAMEL_CASE'],
    ['1h', '_1H'],
    ['*', '_2A'],
    ['true', 'TRUE_VALUE'],
    ['', '_'],
  ])('%j → %s', (wire, want) => {
    expect(enumValueName(wire)).toBe(want);
  });
});

function op(method: SpecOperation['method'], path: string, group: string | string[], name: string, operationId = 'x'): SpecOperation {
  return { method, path, pointer: '#', op: { operationId, responses: {}, 'x-operation-group': group, 'x-operation-name': name } };
}

describe('root field names from x-operation-group and x-operation-name', () => {
  it.each([
    [op('get', '/users', 'users', 'list'), 'users'],
    [op('get', '/users/{id}', 'users', 'get'), 'user'],
    [op('post', '/users', 'users', 'create'), 'createUser'],
    [op('patch', '/users/{id}', 'users', 'update'), 'updateUser'],
    [op('delete', '/users/{id}', 'users', 'delete'), 'deleteUser'],
    [op('get', '/users/{id}/roles', ['users', 'roles'], 'list'), 'userRoles'],
    [op('post', '/users/{id}/roles', ['users', 'roles'], 'assign'), 'assignUserRoles'],
    [op('delete', '/users/{id}/authentication-methods', ['users', 'authenticationMethods'], 'deleteAll'), 'deleteAllUserAuthenticationMethods'],
    [op('get', '/organizations/name/{name}', 'organizations', 'getByName'), 'organizationByName'],
    [op('post', '/clients/{id}/rotate-secret', 'clients', 'rotateSecret'), 'rotateClientSecret'],
    [op('get', '/tenants/settings', ['tenants', 'settings'], 'get'), 'tenantSettings'],
    [op('get', '/prompts/rendering', ['prompts', 'rendering'], 'list'), 'promptRenderings'],
    [op('get', '/guardian/factors/sms/templates', ['guardian', 'factors', 'sms'], 'getTemplates'), 'guardianFactorSmsTemplates'],
    [op('get', '/users-by-email', 'users', 'listUsersByEmail', 'get_users-by-email'), 'usersByEmail'],
  ])('%#: %s', (operation, want) => {
    expect(operationFieldName(operation)).toBe(want);
  });
});

describe('descriptions become Markdown for the docs panel', () => {
  it.each([
    ['Use <code>field:order</code> where order is <code>1</code>', 'Use `field:order` where order is `1`'],
    ["Query in <a target='_new' href ='https://lucene.apache.org/x.html'>Lucene query string syntax</a>.", 'Query in [Lucene query string syntax](https://lucene.apache.org/x.html).'],
    ['<i>from</i> and <b>take</b> and <strong>next</strong>', '*from* and **take** and **next**'],
    ['one<br/>two<br>three', 'one\ntwo\nthree'],
    ['a\n\n\n\nb   \n', 'a\n\nb'],
    ['Bearer <token> for <domain>', 'Bearer <token> for <domain>'],
  ])('%j', (given, want) => {
    expect(toMarkdown(given)).toBe(want);
  });
});

describe('the graph\'s naming rules (README, "Naming and nullability rules")', () => {
  const { metadata } = loadGenerated();
  const typeDefs = loadSdl();
  const schema = buildSchema(typeDefs);
  const named = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const isPage = (t: GraphQLNamedType) => isObjectType(t) && ['edges', 'nodes', 'pageInfo'].every((f) => f in t.getFields());
  const isEdge = (t: GraphQLNamedType) => isObjectType(t) && Object.keys(t.getFields()).sort().join() === 'cursor,node';
  const nodeOf = (t: GraphQLObjectType, field: string) => getNamedType(t.getFields()[field]!.type).name;

  it('no type name has the same word twice in a row (ConnectionConnection)', () => {
    expect(named.map((t) => t.name).filter((n) => typeNameWords(n).some((w, i, all) => i > 0 && w === all[i - 1]))).toEqual([]);
    expect(collapseDoubledWords('ConnectionConnection')).toBe('Connection');
  });

  it('the spec\'s packaging words (ResponseContent, RequestContent, Schema) end no type name', () => {
    expect(named.map((t) => t.name).filter((n) => /(ResponseContent|RequestContent|Schema)(Input)?$/.test(n))).toEqual([]);
    expect(String((schema.getType('User') as GraphQLObjectType).getFields().identities!.type)).toBe('[UserIdentity!]!');
  });

  it('Page, Edge and Connection end only the names of paging types; Auth0\'s Connection keeps its bare name', () => {
    const misnamed = named.filter((t) => {
      const last = typeNameWords(t.name).at(-1)!;
      if (!RESERVED_SUFFIXES.includes(last) || t.name === last) return false;
      return !((last === 'Page' && isPage(t)) || (last === 'Edge' && isEdge(t)));
    });
    expect(misnamed.map((t) => t.name)).toEqual([]);
    expect(isObjectType(schema.getType('Connection'))).toBe(true);
  });

  it('every page of X is XPage with edges of XEdge, and every list operation returns one', () => {
    const pages = named.filter(isPage) as GraphQLObjectType[];
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) {
      const node = nodeOf(page, 'nodes');
      expect(page.name).toBe(`${node}Page`);
      expect(nodeOf(page, 'edges')).toBe(`${node}Edge`);
    }
    for (const op of Object.values(metadata.operations).filter((o) => o.result === 'connection')) {
      expect(op.returns, op.coordinate).toMatch(/Page$/);
    }
    expect(schema.getType('ConnectionPage')).toBeDefined();
    expect(schema.getType('OrganizationPage')).toBeDefined();
    expect(schema.getType('OrganizationsListConnection')).toBeUndefined();
  });

  it('an identical shape is shared only by operations about the same thing', () => {
    expect(String(schema.getMutationType()!.getFields().setGuardianFactor!.type)).toBe('SetGuardianFactorPayload');
    expect(String(schema.getQueryType()!.getFields().riskAssessmentSettings!.type)).toBe('RiskAssessmentsSettings');
    expect(sameSubject('SetGuardianFactorResponseContent', 'GetRiskAssessmentsSettingsResponseContent')).toBe(false);
    expect(sameSubject('RotateClientSecretResponseContent', 'GetClientResponseContent')).toBe(true);
    expect(sameSubject('UpdateSettingsResponseContent', 'GetSettingsResponseContent')).toBe(true);
    expect(String(schema.getMutationType()!.getFields().rotateClientSecret!.type)).toBe('Client');
  });

  it('a union whose members share fields is an interface of the same name (LogStream), and same-member unions are one type', () => {
    const logStream = schema.getType('LogStream');
    expect(isInterfaceType(logStream)).toBe(true);
    const fields = Object.keys((logStream as GraphQLInterfaceType).getFields());
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'status']));
    const members = schema.getPossibleTypes(logStream as GraphQLInterfaceType).map((t) => t.name);
    expect(members).toHaveLength(8);
    expect(metadata.unions.LogStream!.members.map((m) => m.type).sort()).toEqual([...members].sort());
    expect(String(schema.getMutationType()!.getFields().createLogStream!.type)).toBe('LogStream');
    expect(String(schema.getMutationType()!.getFields().updateLogStream!.type)).toBe('LogStream');
    // A union left as a union shares no field across its members.
    for (const union of named.filter(isUnionType)) {
      const [first, ...rest] = union.getTypes();
      const shared = Object.keys(first!.getFields()).filter((f) => rest.every((m) => f in m.getFields() && String(m.getFields()[f]!.type) === String(first!.getFields()[f]!.type)));
      expect(shared, union.name).toEqual([]);
    }
  });

  it('counts are integers', () => {
    expect(String(schema.getQueryType()!.getFields().statsActiveUsersCount!.type)).toMatch(/^Int/);
  });

  it('every core type is described', () => {
    for (const name of ['User', 'Connection', 'Role', 'Organization', 'Log', 'Job', 'Client', 'ResourceServer', 'ClientGrant', 'OrganizationMember', 'RoleUser', 'LogStream', ...Object.keys(metadata.entities)]) {
      expect(schema.getType(name)?.description, name).toBeTruthy();
    }
  });

  it('no operation takes fields/includeFields, and no operation\'s description names a REST-only parameter', () => {
    const offenders: string[] = [];
    for (const type of [schema.getQueryType()!, schema.getMutationType()!, ...named.filter(isObjectType)]) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (field.args.some((a) => a.name === 'fields' || a.name === 'includeFields')) offenders.push(`${coordinate}: projection argument`);
        if (!field.args.some((a) => a.name === 'first')) continue;
        for (const text of [field.description, ...field.args.map((a) => a.description)]) {
          if (text && /include_fields|include_totals|per_page|`from`|`take`|fields=/.test(text)) offenders.push(coordinate);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
