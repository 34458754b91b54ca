import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  token = await h.emulator.issueToken(['read:users', 'read:connections', 'create:connections']);
  // More connections than one small page holds, so paging has work to do.
  for (let i = 0; i < 7; i++) {
    await fetch(`${h.emulator.url}/api/v2/connections`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `paging-db-${i}`, strategy: 'auth0' }),
    });
  }
});

afterAll(async () => {
  await h.close();
});

async function rest(path: string): Promise<any> {
  const response = await fetch(`${h.emulator.url}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  return response.json();
}

describe('connections over both paginations', () => {
  it('pages through every connection once, in order, as a direct checkpoint walk does', async () => {
    const direct: string[] = [];
    let from: string | undefined;
    do {
      const page = await rest(`/connections?take=4${from ? `&from=${from}` : ''}`);
      direct.push(...page.connections.map((c: { id: string }) => c.id));
      from = page.next;
    } while (from);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors }: GraphQLResponse<Record<string, any>> = await h.query('query ($after: String) { connections(first: 3, after: $after) { edges { cursor node { connectionId } } pageInfo { hasNextPage endCursor } } }', { after });
      expect(errors).toBeUndefined();
      seen.push(...data!.connections.edges.map((e: { node: { connectionId: string } }) => e.node.connectionId));
      pages++;
      if (!data!.connections.pageInfo.hasNextPage) break;
      after = data!.connections.pageInfo.endCursor;
    }
    expect(seen).toEqual(direct);
    expect(pages).toBe(Math.ceil(direct.length / 3));
  });

  it('resumes from any edge cursor', async () => {
    const { data } = await h.query('{ connections(first: 5) { edges { cursor node { id } } } }');
    const edges = data!.connections.edges as Array<{ cursor: string; node: { id: string } }>;
    const { data: next } = await h.query('query ($after: String) { connections(first: 2, after: $after) { nodes { id } } }', { after: edges[1]!.cursor });
    expect(next!.connections.nodes.map((n: { id: string }) => n.id)).toEqual([edges[2]!.node.id, edges[3]!.node.id]);
  });

  it('fetches several upstream pages when first is above 100, and counts users by offset', async () => {
    h.resetCalls();
    const { data, errors } = await h.query('{ users(first: 250) { totalCount nodes { userId } pageInfo { hasNextPage endCursor } } }');
    expect(errors).toBeUndefined();
    expect(data!.users.totalCount).toBe(520);
    expect(data!.users.nodes).toHaveLength(250);
    expect(h.calls()).toBe(3);
    const direct = [...(await rest('/users?per_page=100&page=0')), ...(await rest('/users?per_page=100&page=1')), ...(await rest('/users?per_page=100&page=2'))];
    expect(data!.users.nodes.map((n: { userId: string }) => n.userId)).toEqual(direct.slice(0, 250).map((u: { user_id: string }) => u.user_id));
  });

  it('walks all users with offset paging and totalCount, each exactly once', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const { data, errors }: GraphQLResponse<Record<string, any>> = await h.query('query ($after: String) { users(first: 100, after: $after) { totalCount nodes { userId } pageInfo { hasNextPage endCursor } } }', { after });
      expect(errors).toBeUndefined();
      total = data!.users.totalCount;
      data!.users.nodes.forEach((n: { userId: string }) => seen.add(n.userId));
      if (!data!.users.pageInfo.hasNextPage) break;
      after = data!.users.pageInfo.endCursor;
    }
    expect(total).toBe(520);
    expect(seen.size).toBe(520);
  });

  it('refuses first above the cap and a forged cursor, before any upstream call', async () => {
    h.resetCalls();
    const tooMany = await h.query('{ users(first: 5000) { nodes { userId } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await h.query('{ users(first: 5, after: "../clients") { nodes { userId } } }');
    expect(forged.errors?.[0]?.message).toMatch(/Invalid cursor/);
    expect(h.calls()).toBe(0);
  });

  it('counts a role\'s users by offset when totalCount is selected', async () => {
    const { data: first } = await h.query('{ roles(first: 1) { nodes { roleId } } }');
    const roleId = first!.roles.nodes[0].roleId as string;
    const direct = await rest(`/roles/${roleId}/users?per_page=100&page=0&include_totals=true`);
    expect(direct.total).toBeGreaterThan(2);
    h.resetCalls();
    const { data, errors } = await h.query('query ($id: ID!) { role(id: $id) { users(first: 2) { totalCount nodes { userId } } } }', { id: roleId });
    expect(errors).toBeUndefined();
    expect(data!.role.users.totalCount).toBe(direct.total);
    expect(data!.role.users.nodes.map((n: { userId: string }) => n.userId)).toEqual(direct.users.slice(0, 2).map((u: { user_id: string }) => u.user_id));
    // By offset, with include_totals: the checkpoint paging this endpoint also offers has no total.
    const calls = h.emulator.requests().filter((r) => r.operationId === 'get_role_user');
    expect(calls).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(calls[0]!.query))).toMatchObject({ include_totals: 'true', page: '0' });
  });

  it('first: 0 answers hasNextPage from one item when pageInfo is asked, and costs nothing otherwise', async () => {
    h.resetCalls();
    const nothing = await h.query('{ roles(first: 0) { nodes { id } } }');
    expect(nothing.data!.roles.nodes).toEqual([]);
    expect(h.calls()).toBe(0);
    const some = await h.query('{ roles(first: 0) { nodes { id } pageInfo { hasNextPage } } }');
    expect(some.data!.roles).toEqual({ nodes: [], pageInfo: { hasNextPage: true } });
    expect(h.calls()).toBe(1);
    // A user with no roles: nothing follows.
    const { data: lonely } = await h.query('{ users(first: 50) { nodes { userId roles(first: 1) { nodes { id } } } } }');
    const bare = (lonely!.users.nodes as Array<{ userId: string; roles: { nodes: unknown[] } }>).find((u) => u.roles.nodes.length === 0)!;
    const none = await h.query('query ($id: ID!) { user(id: $id) { roles(first: 0) { pageInfo { hasNextPage } } } }', { id: bare.userId });
    expect(none.data!.user.roles.pageInfo.hasNextPage).toBe(false);
  });
});
