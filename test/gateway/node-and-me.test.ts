import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SIGN_IN_CLIENT_ID, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { encodeNodeId } from '../../src/resolvers/node-id.js';
import { createAuthenticator } from '../../src/server/caller-auth.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

// The embedded demo's set-up (src/cli.ts): the emulator plays Auth0 (Management API, and the
// Authentication API for its demo users), the gateway verifies user tokens against its JWKS and
// leaves tokenless callers open.
let emulator: Emulator;
let gateway: Gateway;

interface Answer { status: number; data?: any; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> }

async function gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer> {
  const response = await gateway.app.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...(await response.json() as object) };
}

async function signIn(params: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emulator.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ client_id: DEMO_SIGN_IN_CLIENT_ID, ...params }) });
  return { status: response.status, body: await response.json() };
}

const calls = () => emulator.requests().map((r) => r.operationId);

beforeAll(async () => {
  emulator = await startEmulator();
  gateway = createGateway({
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
    authenticate: createAuthenticator({ apiKeys: [], jwt: { jwksUrl: `${emulator.url}/.well-known/jwks.json`, issuer: emulator.issuer, audience: emulator.audience } }, { open: true, openWithoutCredentials: true }),
  });
});

afterAll(async () => {
  await gateway.close();
  await emulator.close();
});

describe('node and nodes', () => {
  it('round-trips users, roles, organizations and clients, 60 users in 2 searches', async () => {
    const listed = await gql('{ users(first: 60) { nodes { id userId } } roles(first: 3) { nodes { id roleId name } } organizations(first: 2) { nodes { id organizationId name } } clients(first: 2) { nodes { id clientId name } } }');
    expect(listed.errors).toBeUndefined();
    const users = listed.data.users.nodes as Array<{ id: string; userId: string }>;
    expect(users[0]!.id).toBe(encodeNodeId('User', users[0]!.userId));
    expect(new Set(users.map((u) => u.id)).size).toBe(60);
    emulator.resetStats();
    const { data, errors } = await gql('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on User { userId email } } }', { ids: users.map((u) => u.id) });
    expect(errors).toBeUndefined();
    expect(data.nodes.map((n: { userId: string }) => n.userId)).toEqual(users.map((u) => u.userId));
    expect(data.nodes.every((n: { __typename: string; email: string }) => n.__typename === 'User' && n.email)).toBe(true);
    // 60 ids: one search per 50 ids, no lookup one by one.
    expect(calls()).toEqual(['get_users', 'get_users']);

    const role = listed.data.roles.nodes[0];
    const org = listed.data.organizations.nodes[0];
    const client = listed.data.clients.nodes[0];
    emulator.resetStats();
    const one = await gql(`query ($r: ID!, $o: ID!, $c: ID!) {
      r: node(id: $r) { id ... on Role { roleId name } } o: node(id: $o) { id ... on Organization { organizationId name } }
      c: node(id: $c) { id ... on Client { clientId name } } again: role(id: $r) { roleId } }`, { r: role.id, o: org.id, c: client.id });
    expect(one.errors).toBeUndefined();
    expect(one.data.r).toEqual(role);
    expect(one.data.o).toEqual(org);
    expect(one.data.c).toEqual(client);
    // A path argument takes the Node id too: `role(id:)` with it reads the same role, from the same load.
    expect(one.data.again.roleId).toBe(role.roleId);
    expect(calls().sort()).toEqual(['get_clients_by_id', 'get_organizations_by_id', 'get_roles_by_id']);
  });

  it('refuses malformed ids and unknown types with a code, before any call', async () => {
    emulator.resetStats();
    const bad = await gql('{ a: node(id: "not an id") { id } b: node(id: "Zm9v") { id } c: node(id: "' + encodeNodeId('Nope', 'x') + '") { id } }');
    expect(bad.errors!.map((e) => [e.path![0], e.extensions!.code]).sort()).toEqual([['a', 'BAD_USER_INPUT'], ['b', 'BAD_USER_INPUT'], ['c', 'NOT_FOUND']]);
    const many = await gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [encodeNodeId('User', 'auth0|x'), 'garbage'] });
    expect(many.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', index: 1 });
    expect(emulator.stats().total).toBe(0);
    const missing = await gql('query ($id: ID!) { node(id: $id) { id } }', { id: encodeNodeId('Role', 'rol_missing') });
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});

describe('me, and demo sign-in', () => {
  it('signs a demo user in with a password, answers me with its edges, and refreshes', async () => {
    const [demo] = emulator.demoUsers();
    const login = await signIn({ grant_type: 'password', username: demo!.email, password: DEMO_PASSWORD, scope: 'openid read:current_user update:current_user_metadata read:users offline_access' });
    expect(login.status).toBe(200);
    // A user gets self-service scopes only: read:users is not granted.
    expect(login.body).toMatchObject({ token_type: 'Bearer', scope: 'openid read:current_user update:current_user_metadata offline_access' });
    expect(typeof login.body.refresh_token).toBe('string');
    emulator.resetStats();
    const me = await gql('{ me { id userId email enrollments { __typename } } }', undefined, login.body.access_token);
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ id: encodeNodeId('User', demo!.userId), userId: demo!.userId, email: demo!.email });
    expect(calls()).toEqual(['get_users_by_id', 'get_enrollments']);

    const refreshed = await signIn({ grant_type: 'refresh_token', refresh_token: login.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect((await gql('{ me { userId } }', undefined, refreshed.body.access_token)).data.me.userId).toBe(demo!.userId);
    expect((await signIn({ grant_type: 'refresh_token', refresh_token: 'nope' })).body).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
  });

  it('signs in through password-realm, and refuses a wrong password as Auth0 does', async () => {
    const [, demo] = emulator.demoUsers();
    const ok = await signIn({ grant_type: 'http://auth0.com/oauth/grant-type/password-realm', realm: 'Username-Password-Authentication', username: demo!.email, password: DEMO_PASSWORD, scope: 'read:current_user' });
    expect(ok.status).toBe(200);
    expect(ok.body.refresh_token).toBeUndefined();
    const wrong = await signIn({ grant_type: 'password', username: demo!.email, password: 'wrong' });
    expect(wrong).toEqual({ status: 403, body: { error: 'invalid_grant', error_description: 'Wrong email or password.' } });
    const wrongRealm = await signIn({ grant_type: 'http://auth0.com/oauth/grant-type/password-realm', realm: 'google-oauth2', username: demo!.email, password: DEMO_PASSWORD });
    expect(wrongRealm.status).toBe(403);
    const m2m = await fetch(`${emulator.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: emulator.demoClient.clientId, client_secret: emulator.demoClient.clientSecret, username: demo!.email, password: DEMO_PASSWORD }) });
    expect(m2m.status).toBe(403);
    expect(((await m2m.json()) as { error: string }).error).toBe('unauthorized_client');
  });

  it('reads the own user only: node and nodes with read:current_user', async () => {
    const [demo, other] = emulator.demoUsers();
    const { body } = await signIn({ grant_type: 'password', username: demo!.email, password: DEMO_PASSWORD, scope: 'read:current_user' });
    emulator.resetStats();
    const refused = await gql('query ($id: ID!) { node(id: $id) { id } }', { id: encodeNodeId('User', other!.userId) }, body.access_token);
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const role = await gql('query ($id: ID!) { node(id: $id) { id } }', { id: encodeNodeId('Role', 'rol_x') }, body.access_token);
    expect(role.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(emulator.stats().total).toBe(0);
    const both = await gql('query ($ids: [ID!]!) { nodes(ids: $ids) { ... on User { userId } } }', { ids: [encodeNodeId('User', demo!.userId), encodeNodeId('User', other!.userId)] }, body.access_token);
    expect(both.data.nodes).toEqual([{ userId: demo!.userId }, null]);
    expect(both.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['nodes', 1], 'FORBIDDEN']]);
    // One user read by id, never a search of all users.
    expect(calls()).toEqual(['get_users_by_id']);
  });

  it('is UNAUTHENTICATED without a user; a bad token is refused with 401', async () => {
    const open = await gql('{ me { userId } }');
    expect(open.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const m2m = await emulator.issueToken(['read:users']);
    expect((await gql('{ me { userId } }', undefined, m2m)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await gql('{ me { userId } }', undefined, 'not-a-token')).status).toBe(401);
    const jwks = await (await fetch(`${emulator.url}/.well-known/jwks.json`)).json() as { keys: Array<{ kid: string; d?: string }> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]!.d).toBeUndefined();
  });
});
