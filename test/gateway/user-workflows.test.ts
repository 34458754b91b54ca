/**
 * User-management workflows (issue 13) against the emulator: named filters, page-index and
 * backward paging, default and allowed connections, imports by connection name, the CSRF error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let restricted: Harness;

beforeAll(async () => {
  [h, restricted] = await Promise.all([
    startHarness(),
    startHarness({ users: { defaultConnection: 'Username-Password-Authentication', allowedConnections: ['Username-Password-Authentication', 'acme-saml'] } }),
  ]);
});
afterAll(async () => { await Promise.all([h?.close(), restricted?.close()]); });
beforeEach(() => { h.resetCalls(); restricted.resetCalls(); });

const usersQueries = (harness: Harness): string[] => harness.emulator.requests()
  .filter((r) => r.operationId === 'get_users').map((r) => new URL(`http://x${r.path}${r.query}`).searchParams.get('q') ?? '');

interface UserRow { userId: string; identities: Array<{ connection: string }>; appMetadata: Record<string, unknown> }

describe('users(filter:)', () => {
  it('compiles OR-ed connections and app_metadata to one escaped q: one call, every row matching', async () => {
    const result = await h.query<{ users: { totalCount: number; nodes: UserRow[] } }>(`{
      users(filter: { connection: ["google-oauth2", "acme-saml"], appMetadata: [{ path: "plan", equals: "pro" }] }, first: 100) {
        totalCount nodes { userId identities { connection } appMetadata }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const { nodes, totalCount } = result.data!.users;
    expect(nodes.length).toBeGreaterThan(10);
    expect(totalCount).toBe(nodes.length);
    for (const user of nodes) {
      expect(['google-oauth2', 'acme-saml']).toContain(user.identities[0]!.connection);
      expect(user.appMetadata.plan).toBe('pro');
    }
    expect(h.calls()).toBe(1);
    expect(usersQueries(h)).toEqual(['identities.connection:("google-oauth2" OR "acme-saml") AND app_metadata.plan:"pro"']);
  });

  it('ANDs the raw q with the filter, and finds one user by escaped email', async () => {
    const all = await h.query<{ users: { nodes: Array<{ email: string; userId: string }> } }>('{ users(first: 1) { nodes { email userId } } }');
    const { email, userId } = all.data!.users.nodes[0]!;
    h.resetCalls();
    const result = await h.query<{ users: { nodes: Array<{ userId: string }> } }>(
      'query ($f: UserFilter, $q: String) { users(filter: $f, q: $q) { nodes { userId } } }',
      { f: { email }, q: `user_id:"${userId}" OR name:"nobody"` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.users.nodes.map((u) => u.userId)).toEqual([userId]);
    expect(usersQueries(h)).toEqual([`(user_id:"${userId}" OR name:"nobody") AND email:"${email}"`]);
    h.resetCalls();
    const quoted = await h.query<{ users: { nodes: unknown[] } }>('query ($f: UserFilter) { users(filter: $f) { nodes { userId } } }', { f: { email: `${email}" OR email:*` } });
    expect(quoted.errors).toBeUndefined();
    expect(quoted.data!.users.nodes).toEqual([]);
    expect(h.calls()).toBe(1);
  });

  it('refuses bad filter values and too long queries with BAD_USER_INPUT before any call', async () => {
    const bad = await h.query('{ users(filter: { appMetadata: [{ path: "plan:x OR y", equals: "pro" }] }) { nodes { userId } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/Invalid users filter: appMetadata\[0\]\.path/);
    const long = await h.query('query ($c: [String!]) { users(filter: { connection: $c }) { nodes { userId } } }', {
      c: Array.from({ length: 120 }, (_, i) => `a-rather-long-connection-name-${i}`),
    });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toMatch(/over the 3000 Auth0 accepts/);
    expect(h.calls()).toBe(0);
  });
});

describe('page-index paging', () => {
  const page = `query ($page: Int, $pageSize: Int, $last: Int, $before: String, $first: Int, $after: String) {
    users(page: $page, pageSize: $pageSize, last: $last, before: $before, first: $first, after: $after, sort: "user_id:1") {
      totalCount nodes { userId } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  type Page = { users: { totalCount: number; nodes: Array<{ userId: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } } };
  let ids: string[];

  beforeAll(async () => {
    const all = await h.query<Page>(page, { first: 60 });
    ids = all.data!.users.nodes.map((u) => u.userId);
  });

  it('answers page N of a size, with hasPreviousPage and a startCursor that walks back', async () => {
    const third = await h.query<Page>(page, { page: 2, pageSize: 10 });
    expect(third.errors).toBeUndefined();
    const users = third.data!.users;
    expect(users.nodes.map((u) => u.userId)).toEqual(ids.slice(20, 30));
    expect(users.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(users.totalCount).toBe(520);
    expect(h.calls()).toBe(1);

    const back = await h.query<Page>(page, { last: 10, before: users.pageInfo.startCursor });
    expect(back.data!.users.nodes.map((u) => u.userId)).toEqual(ids.slice(10, 20));
    expect(back.data!.users.pageInfo.hasPreviousPage).toBe(true);
    const first = await h.query<Page>(page, { last: 10, before: back.data!.users.pageInfo.startCursor });
    expect(first.data!.users.nodes.map((u) => u.userId)).toEqual(ids.slice(0, 10));
    expect(first.data!.users.pageInfo.hasPreviousPage).toBe(false);
    // Forwards again from a backward page's endCursor.
    const forward = await h.query<Page>(page, { first: 5, after: first.data!.users.pageInfo.endCursor });
    expect(forward.data!.users.nodes.map((u) => u.userId)).toEqual(ids.slice(10, 15));
  });

  it('page 0 has no previous page; last without before is the end of the list', async () => {
    const zero = await h.query<Page>(page, { page: 0, pageSize: 5 });
    expect(zero.data!.users.nodes.map((u) => u.userId)).toEqual(ids.slice(0, 5));
    expect(zero.data!.users.pageInfo.hasPreviousPage).toBe(false);
    h.resetCalls();
    const end = await h.query<Page>(page, { last: 3 });
    expect(end.errors).toBeUndefined();
    expect(end.data!.users.nodes).toHaveLength(3);
    expect(end.data!.users.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(h.calls()).toBe(2);
  });

  it('refuses mixing page, forward and backward arguments before any call', async () => {
    for (const variables of [{ page: 1, first: 10 }, { pageSize: 10, after: 'x' }, { last: 5, first: 5 }, { page: -1 }, { pageSize: 0 }]) {
      const result = await h.query(page, variables);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    const mixed = await h.query(page, { page: 1, first: 10 });
    expect(mixed.errors?.[0]?.message).toMatch(/page by index or by cursor, not both/);
    expect(h.calls()).toBe(0);
  });

  it('is offered on offset-paged edges too (role users)', async () => {
    const roles = await h.query<{ roles: { nodes: Array<{ id: string; users: { nodes: Array<{ userId: string }> } }> } }>(
      '{ roles(first: 1) { nodes { id users(page: 1, pageSize: 2) { nodes { userId } pageInfo { hasPreviousPage } } } } }');
    expect(roles.errors).toBeUndefined();
    const role = roles.data!.roles.nodes[0]!;
    const all = await h.query<{ role: { users: { nodes: Array<{ userId: string }> } } }>('query ($id: ID!) { role(id: $id) { users(first: 4) { nodes { userId } } } }', { id: role.id });
    expect(role.users.nodes.map((u) => u.userId)).toEqual(all.data!.role.users.nodes.slice(2, 4).map((u) => u.userId));
    expect((role.users as unknown as { pageInfo: { hasPreviousPage: boolean } }).pageInfo.hasPreviousPage).toBe(true);
  });

  it('is costed by pageSize and last, before any call', async () => {
    const tight = await startHarness({ limits: { maxCost: 20 } });
    try {
      const big = await tight.query('{ users(pageSize: 500) { nodes { roles(first: 1) { nodes { name } } } } }');
      expect(big.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      const back = await tight.query('{ users(last: 500) { nodes { roles(first: 1) { nodes { name } } } } }');
      expect(back.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(tight.calls()).toBe(0);
    } finally {
      await tight.close();
    }
  });
});

const createUser = `mutation ($input: CreateUserInput!) { createUser(input: $input) { userId identities { connection } } }`;

describe('default and allowed connections', () => {
  it('createUser without a connection uses the default', async () => {
    const result = await restricted.query<{ createUser: UserRow }>(createUser, { input: { email: 'default-conn@acme.test', password: 'Str0ng!Passw0rd#' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createUser.identities[0]!.connection).toBe('Username-Password-Authentication');
  });

  it('refuses a connection outside the allowed list with CONNECTION_NOT_ALLOWED and no upstream call', async () => {
    const result = await restricted.query(createUser, { input: { email: 'g@acme.test', connection: 'google-oauth2' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONNECTION_NOT_ALLOWED', connection: 'google-oauth2', allowedConnections: ['Username-Password-Authentication', 'acme-saml'] });
    expect(result.errors?.[0]?.message).toMatch(/not allowed on this gateway/);
    expect(restricted.calls()).toBe(0);
  });

  it('without a default, a missing connection is a clear BAD_USER_INPUT before any call', async () => {
    const result = await h.query(createUser, { input: { email: 'none@acme.test', password: 'Str0ng!Passw0rd#' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/users\.defaultConnection \(GATEWAY_DEFAULT_CONNECTION\)/);
    expect(h.calls()).toBe(0);
  });
});

async function upload(harness: Harness, query: string, variables: Record<string, unknown>, file: unknown, headers: Record<string, string> = { 'x-graphql-yoga-csrf': '1' }) {
  const body = new FormData();
  body.append('operations', JSON.stringify({ query, variables: { ...variables, users: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.users'] }));
  body.append('0', new Blob([JSON.stringify(file)], { type: 'application/json' }), 'users.json');
  const response = await harness.gateway.app.fetch('http://gateway.test/graphql', { method: 'POST', body, headers });
  return { status: response.status, ...(await response.json()) } as { status: number; data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const importUsers = 'mutation ($users: Upload!, $connection: String) { importUsers(users: $users, connection: $connection) { id jobId status type connectionId connection { name } } }';

describe('importUsers', () => {
  it('imports into a connection named by name, then reads status, summary and errors in one query', async () => {
    const file = [{ email: 'imported-1@acme.test' }, { email: 'imported-2@acme.test' }, { name: 'no email' }];
    const result = await upload(h, importUsers, { connection: 'Username-Password-Authentication' }, file);
    expect(result.errors).toBeUndefined();
    const job = result.data.importUsers;
    expect(job).toMatchObject({ status: 'pending', type: 'users_import', connection: { name: 'Username-Password-Authentication' } });
    expect(h.emulator.stats().byOperation).toMatchObject({ get_connections: 1, 'post_users-imports': 1 });

    // Until the emulator has run the job (asked of it directly, not through the gateway).
    const admin = await h.emulator.issueToken(['read:users', 'create:users']);
    await vi.waitFor(async () => {
      const status = await (await fetch(`${h.emulator.url}/api/v2/jobs/${job.jobId}`, { headers: { authorization: `Bearer ${admin}` } })).json() as { status: string };
      expect(status.status).toBe('completed');
    }, { timeout: 10_000, interval: 50 });
    h.resetCalls();
    const followed = await h.query<{ job: { status: string; summary: Record<string, number>; errors: Array<{ errors: Array<{ code: string }> }> } }>(
      'query ($id: ID!) { job(id: $id) { status summary { inserted updated failed total } errors } }', { id: job.id });
    expect(followed.errors).toBeUndefined();
    expect(followed.data!.job).toMatchObject({ status: 'completed', summary: { inserted: 2, updated: 0, failed: 1, total: 3 } });
    expect(followed.data!.job.errors[0]!.errors[0]!.code).toBe('MISSING_REQUIRED_PROPERTY');
    expect(h.calls()).toBe(2);
  });

  it('takes a connection id as well, and the default connection without one', async () => {
    const byDefault = await upload(restricted, importUsers, {}, [{ email: 'by-default@acme.test' }]);
    expect(byDefault.errors).toBeUndefined();
    expect(byDefault.data.importUsers.connection.name).toBe('Username-Password-Authentication');
    const byId = await upload(restricted, importUsers, { connection: byDefault.data.importUsers.connectionId }, [{ email: 'by-id@acme.test' }]);
    expect(byId.errors).toBeUndefined();
    expect(byId.data.importUsers.connectionId).toBe(byDefault.data.importUsers.connectionId);
  });

  it('refuses a connection outside the allowed list before any call, and an unknown name clearly', async () => {
    const refused = await upload(restricted, importUsers, { connection: 'google-oauth2' }, [{ email: 'x@acme.test' }]);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONNECTION_NOT_ALLOWED');
    expect(restricted.calls()).toBe(0);
    const unknown = await upload(h, importUsers, { connection: 'no-such-connection' }, [{ email: 'x@acme.test' }]);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('CONNECTION_NOT_FOUND');
    expect(h.emulator.stats().byOperation['post_users-imports']).toBeUndefined();
  });

  it('the raw createJobUsersImport is held to the allowed list too (one lookup, no import)', async () => {
    const connections = await restricted.query<{ connections: { nodes: Array<{ connectionId: string; name: string }> } }>('{ connections(first: 10) { nodes { connectionId name } } }');
    const google = connections.data!.connections.nodes.find((c) => c.name === 'google-oauth2')!;
    restricted.resetCalls();
    const refused = await upload(restricted, 'mutation ($users: Upload!, $id: String!) { createJobUsersImport(users: $users, connectionId: $id) { id } }', { id: google.connectionId }, [{ email: 'x@acme.test' }]);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONNECTION_NOT_ALLOWED');
    expect(restricted.emulator.stats().byOperation).toEqual({ get_connections_by_id: 1 });
  });

  it('names the CSRF header in the error a caller gets without it', async () => {
    const result = await upload(h, importUsers, { connection: 'Username-Password-Authentication' }, [{ email: 'x@acme.test' }], {});
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    expect(result.errors?.[0]?.message).toMatch(/multipart request \(a file upload such as importUsers\) needs the CSRF-prevention header `x-graphql-yoga-csrf` or `graphql-require-preflight`/);
    expect(h.calls()).toBe(0);
  });
});
