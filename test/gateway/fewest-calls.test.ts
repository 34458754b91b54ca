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

  it('a log row is not a view of its client: log.client { description } is loaded', async () => {
    h.resetCalls();
    const { data } = await h.query('{ logs(first: 20) { nodes { clientId description client { clientId description } } } }');
    const withClient = (data!.logs.nodes as Array<{ clientId: string | null; description: string | null; client: { description: string | null } | null }>).filter((l) => l.clientId);
    expect(withClient.length).toBeGreaterThan(0);
    expect(byOperation().get_clients_by_id ?? 0).toBeGreaterThan(0);
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
