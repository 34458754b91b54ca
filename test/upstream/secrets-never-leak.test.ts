import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient, toGraphQLError, type UpstreamOptions } from '../../src/upstream/index.js';
import { closeAll, json, rejection, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

const SECRET = 'sup3r s3cret/client+secret&=';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.issued-access-token';

/** Every way an error can be seen: its message, its JSON, its stack, its own fields, its GraphQL form. */
function everything(error: unknown): string {
  const e = error as Error;
  return [e.message, JSON.stringify(e), e.stack, JSON.stringify(Object.entries(e)), JSON.stringify(toGraphQLError(e).toJSON()), String(e)].join('\n');
}

describe('no token, secret or Authorization header appears in an error', () => {
  it('when the token endpoint refuses and echoes the request', async () => {
    const fake = await startFakeAuth0((req, res, seen) => json(res, 401, { error: 'access_denied', error_description: `Bad request: ${seen.at(-1)!.body}` }));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'client-credentials', clientId: 'cid', clientSecret: SECRET } }));
    const error = await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }));
    expect(everything(error)).toContain('access_denied');
    expect(everything(error)).not.toContain(SECRET);
  });

  it('when the API echoes the bearer token in its message', async () => {
    const fake = await startFakeAuth0((req, res) => {
      if (req.url === '/oauth/token') return json(res, 200, { access_token: TOKEN, expires_in: 86_400 });
      json(res, 400, { statusCode: 400, error: 'Bad Request', message: `Bad header: ${req.headers.authorization}`, errorCode: 'invalid_header' });
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'client-credentials', clientId: 'cid', clientSecret: SECRET } }));
    const error = await rejection(client.request({ operationId: 'get_roles', method: 'GET', pathTemplate: '/roles' }));
    expect((error as Error).message).toBe('Bad header: Bearer [redacted]');
    for (const secret of [TOKEN, SECRET, 'Bearer ey']) expect(everything(error)).not.toContain(secret);
  });

  it.each([
    ['static', { mode: 'static', token: TOKEN }],
    ['forward', { mode: 'forward' }],
  ] as const)('with a %s token, on 401, timeout and refused connection', async (_mode, auth) => {
    const fake = await startFakeAuth0((req, res, seen) => {
      if (seen.length === 1) return json(res, 401, { statusCode: 401, error: 'Unauthorized', message: `Invalid token ${TOKEN}` });
      if (seen.length === 2) return; // never answers
      json(res, 200, {});
    });
    const options: UpstreamOptions = { baseUrl: fake.url, auth, timeouts: { headersMs: 100 }, retry: { maxRetries: 0 } };
    const client = track(createUpstreamClient(options));
    const call = () => client.request({ operationId: 'post_roles', method: 'POST', pathTemplate: '/roles', callerToken: TOKEN, body: { kind: 'json', value: {} } });
    const errors = [await rejection(call()), await rejection(call())];
    await fake.close();
    errors.push(await rejection(call()));
    // A refused connection proves the POST was never sent; a timeout after sending leaves it unknown.
    expect(errors.map((e) => (e as { code: string }).code)).toEqual([auth.mode === 'forward' ? 'UNAUTHENTICATED' : 'UPSTREAM_UNAUTHORIZED', 'UPSTREAM_OUTCOME_UNKNOWN', 'UPSTREAM_UNAVAILABLE']);
    for (const error of errors) {
      expect(everything(error)).not.toContain(TOKEN);
      expect(everything(error).toLowerCase()).not.toContain('authorization');
      expect(everything(error)).not.toContain(fake.url);
    }
  });

  it('option errors name the option but never quote a secret', () => {
    const attempt = (auth: unknown) => () => createUpstreamClient({ baseUrl: 'https://tenant.auth0.com', auth: auth as UpstreamOptions['auth'] });
    expect(attempt({ mode: 'client-credentials', clientId: '', clientSecret: SECRET })).toThrow('auth.clientId must be a non-empty string, got ""');
    expect(attempt({ mode: 'client-credentials', clientId: 'cid', clientSecret: 42 })).toThrow('auth.clientSecret must be a non-empty string, got number');
    expect(attempt({ mode: 'static', token: '' })).toThrow('auth.token must be a non-empty string, got an empty string');
    expect(() => createUpstreamClient({ baseUrl: 'https://me:pw-secret@tenant.auth0.com', auth: { mode: 'forward' } })).toThrow('baseUrl must not carry credentials; use the auth option');
    expect(() => createUpstreamClient({ baseUrl: `https://me:${SECRET}@tenant.auth0.com`, auth: { mode: 'forward' } }))
      .toThrow('baseUrl must be an absolute URL such as https://tenant.auth0.com, got "https://[redacted]@tenant.auth0.com"');
    let message = '';
    try {
      createUpstreamClient({ baseUrl: `https://me:${SECRET}@tenant.auth0.com`, auth: { mode: 'forward' } });
    } catch (error) {
      message = everything(error);
    }
    expect(message).not.toContain(SECRET);
  });
});
