import { describe, expect, it } from 'vitest';
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
