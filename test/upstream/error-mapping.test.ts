import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient, toGraphQLError, UpstreamError } from '../../src/upstream/index.js';
import { auth0Error, closeAll, rejection, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

describe('non-2xx answers become UpstreamErrors carrying Auth0 codes and message', () => {
  it.each([
    [400, 'Bad Request', 'Payload validation error: Missing required property: name', 'invalid_body', 'BAD_REQUEST'],
    // A 401 to the gateway's own (static) token is the gateway's credential failing, not the caller's.
    [401, 'Unauthorized', 'Invalid token', 'invalid_token', 'UPSTREAM_UNAUTHORIZED'],
    [403, 'Forbidden', 'Insufficient scope, expected any of: read:users', 'insufficient_scope', 'FORBIDDEN'],
    [404, 'Not Found', 'The user does not exist.', 'inexistent_user', 'NOT_FOUND'],
    [409, 'Conflict', 'The user already exists.', 'user_exists', 'CONFLICT'],
    [413, 'Payload Too Large', 'Payload too large', undefined, 'PAYLOAD_TOO_LARGE'],
    [429, 'Too Many Requests', 'Global limit has been reached', 'too_many_requests', 'RATE_LIMITED'],
    [500, 'Internal Server Error', 'Internal error', undefined, 'UPSTREAM_UNAVAILABLE'],
    [418, "I'm a teapot", 'Odd', undefined, 'UPSTREAM_ERROR'],
  ])('%i → %s', async (status, error, message, errorCode, code) => {
    const fake = await startFakeAuth0((_req, res) => auth0Error(res, status, error, message, errorCode, { 'retry-after': '0' }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, retry: { maxRetries: 0 } }));
    const thrown = await rejection(client.request({ operationId: 'get_users_by_id', method: 'GET', pathTemplate: '/users/{id}', pathParams: { id: 'auth0|1' } }));
    expect(thrown).toBeInstanceOf(UpstreamError);
    expect({ ...(thrown as UpstreamError).toJSON() }).toEqual({ name: 'UpstreamError', code, statusCode: status, errorCode, message, operationId: 'get_users_by_id' });
  });

  it('a body that is not JSON still gives a clear error', async () => {
    const fake = await startFakeAuth0((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' }, retry: { maxRetries: 0 } }));
    expect(await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' })))
      .toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', statusCode: 502, message: '<html>Bad gateway</html>', errorCode: undefined });
  });

  it('a refused connection is UPSTREAM_UNAVAILABLE naming only the error code', async () => {
    const fake = await startFakeAuth0(() => {});
    const url = fake.url;
    await fake.close();
    const client = track(createUpstreamClient({ baseUrl: url, auth: { mode: 'static', token: 'static-token' }, retry: { maxRetries: 0 } }));
    expect(await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' })))
      .toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: 'The Management API could not be reached (ECONNREFUSED).' });
  });
});

describe('toGraphQLError', () => {
  it('keeps the message and puts the codes in extensions, without a stack', () => {
    const graphql = toGraphQLError(new UpstreamError('The user does not exist.', 'NOT_FOUND', 'get_users_by_id', 404, 'inexistent_user'));
    expect(graphql).toBeInstanceOf(GraphQLError);
    expect(graphql.toJSON()).toEqual({
      message: 'The user does not exist.',
      extensions: { code: 'NOT_FOUND', statusCode: 404, errorCode: 'inexistent_user', operationId: 'get_users_by_id' },
    });
  });

  it('leaves out codes the error does not have', () => {
    expect(toGraphQLError(new UpstreamError('gone', 'UPSTREAM_UNAVAILABLE', 'get_roles')).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', operationId: 'get_roles' });
  });

  it('passes a GraphQLError through and masks anything unexpected', () => {
    const given = new GraphQLError('as is');
    expect(toGraphQLError(given)).toBe(given);
    const masked = toGraphQLError(new Error('connect to https://user:pw@tenant/ failed'));
    expect(masked.toJSON()).toEqual({ message: 'Unexpected error while calling the Management API.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
