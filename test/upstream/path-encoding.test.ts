import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient, encodePathSegment, UpstreamError } from '../../src/upstream/index.js';
import { closeAll, json, rejection, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

describe('path parameters stay inside their segment', () => {
  it.each([
    ['../clients', '/api/v2/users/..%2Fclients/roles'],
    ['auth0|x?y#z', '/api/v2/users/auth0%7Cx%3Fy%23z/roles'],
    ['a/b', '/api/v2/users/a%2Fb/roles'],
    [`"quoted'`, `/api/v2/users/%22quoted'/roles`],
    ['%2F', '/api/v2/users/%252F/roles'],
    ['oauth2|siwe|eip155%3A5%3A0x1', '/api/v2/users/oauth2%7Csiwe%7Ceip155%253A5%253A0x1/roles'],
    ['a b\\c', '/api/v2/users/a%20b%5Cc/roles'],
    ['...', '/api/v2/users/.../roles'],
    ['.hidden', '/api/v2/users/.hidden/roles'],
  ])('%j reaches the server as %s', async (id, want) => {
    const fake = await startFakeAuth0((_req, res) => json(res, 200, []));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    await client.request({ operationId: 'get_user_roles', method: 'GET', pathTemplate: '/users/{id}/roles', pathParams: { id } });
    expect(fake.seen.map((s) => s.url)).toEqual([want]);
  });

  it('fills every parameter of a template, numbers included', async () => {
    const fake = await startFakeAuth0((_req, res) => json(res, 200, {}));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    await client.request({
      operationId: 'delete_organization_member_roles', method: 'DELETE', pathTemplate: '/organizations/{id}/members/{user_id}/roles',
      pathParams: { id: 'org_1', user_id: 'auth0|7' },
    });
    await client.request({ operationId: 'get_stats', method: 'GET', pathTemplate: '/things/{n}', pathParams: { n: 42 } });
    expect(fake.seen.map((s) => s.url)).toEqual(['/api/v2/organizations/org_1/members/auth0%7C7/roles', '/api/v2/things/42']);
  });

  it('keeps a base URL path prefix in front of /api/v2', async () => {
    const fake = await startFakeAuth0((_req, res) => json(res, 200, {}));
    const client = track(createUpstreamClient({ baseUrl: `${fake.url}/tenant-a/`, auth: { mode: 'static', token: 'static-token' } }));
    await client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' });
    expect(fake.seen[0]!.url).toBe('/tenant-a/api/v2/roles');
  });
});

describe('path parameters that would change the path are refused before any request', () => {
  it.each(['.', '..', ''])('%j is a BAD_USER_INPUT, and nothing is sent (not even a token request)', async (id) => {
    const fake = await startFakeAuth0((_req, res) => json(res, 200, { access_token: 'tok', expires_in: 86400 }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'client-credentials', clientId: 'cid', clientSecret: 'secret-value' } }));
    const error = await rejection(client.request({ operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}', pathParams: { id } }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT', operationId: 'get_users_by_id',
      message: `Path parameter id must not be empty, "." or ".." (they would change the path), got ${JSON.stringify(id)}`,
    });
    expect(fake.seen).toEqual([]);
  });

  it('a missing parameter is refused with its name', async () => {
    const fake = await startFakeAuth0((_req, res) => json(res, 200, {}));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    const error = await rejection(client.request({ operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}' }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Missing path parameter id' });
    expect(fake.seen).toEqual([]);
  });

  it('encodePathSegment is the one encoder, usable on its own', () => {
    expect(encodePathSegment('auth0|x?y#z', 'id', 'op')).toBe('auth0%7Cx%3Fy%23z');
    expect(() => encodePathSegment('..', 'id', 'op')).toThrow(UpstreamError);
  });
});
