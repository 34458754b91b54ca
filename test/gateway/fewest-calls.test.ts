import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// The fewest upstream calls the API allows, counted where they land: the emulator.
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.emulator.issueToken(['read:users']);
});

afterAll(async () => {
  await h.close();
});

const byOperation = () => h.emulator.stats().byOperation;

describe('use what is already fetched', () => {
  it('6 organizations × 50 members × user { email }: the member rows answer, 7 calls', async () => {
    h.resetCalls();
    const { data, errors } = await h.query('{ organizations(first: 6) { nodes { members(first: 50) { nodes { userId user { userId email name } } } } } }');
    expect(errors).toBeUndefined();
    expect(h.calls()).toBe(7);
    expect(byOperation()).toEqual({ get_organizations: 1, get_organization_members: 6 });
    const member = data!.organizations.nodes[0].members.nodes[0];
    const truth = await (await fetch(`${h.emulator.url}/api/v2/users/${encodeURIComponent(member.userId)}`, { headers: { authorization: `Bearer ${admin}` } })).json() as { email: string; name: string };
    expect(member.user).toEqual({ userId: member.userId, email: truth.email, name: truth.name });
  });

  it('a property the row lacks is loaded, in one search per 50 distinct users for the whole request', async () => {
    h.resetCalls();
    const { data, errors } = await h.query('{ organizations(first: 6) { nodes { members(first: 8) { nodes { userId user { lastLogin } } } } } }');
    expect(errors).toBeUndefined();
    const distinct = new Set(data!.organizations.nodes.flatMap((o: { members: { nodes: Array<{ userId: string }> } }) => o.members.nodes.map((m) => m.userId)));
    expect(byOperation()).toEqual({ get_organizations: 1, get_organization_members: 6, get_users: Math.ceil(distinct.size / 50) });
  });

  it('a log row is not a view of its client: log.client { description } is the client\'s, loaded', async () => {
    h.resetCalls();
    const { data } = await h.query('{ logs(first: 20) { nodes { clientId description client { clientId description } } } }');
    const withClient = (data!.logs.nodes as Array<{ clientId: string | null; description: string | null; client: { clientId: string; description: string | null } | null }>).filter((l) => l.clientId);
    expect(withClient.length).toBeGreaterThan(0);
    const ops = byOperation();
    expect((ops.get_clients_by_id ?? 0) + (ops.get_clients ?? 0)).toBeGreaterThan(0);
    const client = (await h.query('query ($id: ID!) { client(id: $id) { description } }', { id: withClient[0]!.clientId })).data!.client;
    expect(withClient[0]!.client!.description).toBe(client.description);
  });

  it('the enabled clients of a connection with their names: the client list walked once, 2 calls', async () => {
    const { data: connections } = await h.query('{ connections(first: 10) { nodes { id } } }');
    h.resetCalls();
    const { data, errors } = await h.query('query ($id: ID!) { connectionClients(id: $id, first: 50) { nodes { clientId client { name } } } }', { id: connections!.connections.nodes[0].id });
    expect(errors).toBeUndefined();
    const nodes = data!.connectionClients.nodes as Array<{ clientId: string; client: { name: string } }>;
    expect(nodes.length).toBeGreaterThanOrEqual(3);
    expect(nodes.every((n) => typeof n.client.name === 'string')).toBe(true);
    expect(byOperation()).toEqual({ get_connection_clients: 1, get_clients: 1 });
  });

  it('the cost counts a companion answered from the row as no call', async () => {
    const strict = await startHarness({ limits: { maxCost: 100 } });
    try {
      const fromRows = await strict.query('{ roles(first: 12) { nodes { users(first: 50) { nodes { user { email name } } } } } }');
      expect(fromRows.errors).toBeUndefined();
      const loaded = await strict.query('{ roles(first: 12) { nodes { users(first: 50) { nodes { user { lastLogin } } } } } }');
      expect(loaded.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 1 + 12 * (1 + 50) });
    } finally {
      await strict.close();
    }
  });
});

describe('the planner chooses between the direct and the inverse plan', () => {
  async function ownRoles(userId: string): Promise<string[]> {
    const roles = await (await fetch(`${h.emulator.url}/api/v2/users/${encodeURIComponent(userId)}/roles?per_page=100`, { headers: { authorization: `Bearer ${admin}` } })).json() as Array<{ id: string }>;
    return roles.map((r) => r.id).sort();
  }

  it('100 users with their roles: roles listed once, then each role\'s users (≤ 15 calls, not 101), the same roles per user', async () => {
    const roles = (await h.query('{ roles(first: 100) { totalCount } }')).data!.roles.totalCount as number;
    h.resetCalls();
    const { data, errors, extensions } = await h.query('{ users(first: 100) { nodes { userId roles(first: 50) { totalCount nodes { roleId name } pageInfo { hasNextPage } } } } }');
    expect(errors).toBeUndefined();
    expect(byOperation()).toEqual({ get_users: 1, get_roles: 1, get_role_user: roles });
    expect(h.calls()).toBeLessThanOrEqual(15);
    const users = data!.users.nodes as Array<{ userId: string; roles: { totalCount: number; nodes: Array<{ roleId: string; name: string }>; pageInfo: { hasNextPage: boolean } } }>;
    for (const user of users.slice(0, 25)) {
      const own = await ownRoles(user.userId);
      expect(user.roles.nodes.map((r) => r.roleId).sort()).toEqual(own);
      expect(user.roles.totalCount).toBe(own.length);
      expect(user.roles.pageInfo.hasNextPage).toBe(false);
    }
    expect((extensions!.upstream as { plans: unknown[] }).plans).toEqual([{ edge: 'User.roles', parents: 100, plan: 'inverse', direct: 100, inverse: 1 + roles }]);
  });

  it('two users: the direct plan, with no probe', async () => {
    h.resetCalls();
    await h.query('{ users(first: 2) { nodes { roles { nodes { name } } } } }');
    expect(byOperation()).toEqual({ get_users: 1, get_user_roles: 2 });
  });

  it('too few parents for the inverse to pay: one probe, then direct, within the cost\'s two calls per parent', async () => {
    h.resetCalls();
    const { extensions } = await h.query('{ users(first: 5) { nodes { roles { nodes { name } } } } }');
    expect(byOperation()).toEqual({ get_users: 1, get_roles: 1, get_user_roles: 5 });
    expect((extensions!.upstream as { plans: Array<{ plan: string }> }).plans).toEqual([{ edge: 'User.roles', parents: 5, plan: 'direct', direct: 5 }]);
  });

  it('a user with more roles than `first` keeps its own endpoint and cursors', async () => {
    const { data } = await h.query('{ users(first: 60) { nodes { userId roles(first: 1) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } } }');
    const users = data!.users.nodes as Array<{ userId: string; roles: { totalCount: number | null; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean } } }>;
    const many = users.find((u) => u.roles.pageInfo.hasNextPage);
    expect(many).toBeDefined();
    expect((await ownRoles(many!.userId)).length).toBeGreaterThan(1);
    for (const user of users.filter((u) => !u.roles.pageInfo.hasNextPage)) expect(user.roles.nodes.length).toBeLessThanOrEqual(1);
  });
});

