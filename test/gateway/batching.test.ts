import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// Upstream calls are counted where they land: the emulator's request log.
let h: Harness;
let userIds: string[];

beforeAll(async () => {
  h = await startHarness();
  const { data } = await h.query('{ users(first: 60) { nodes { userId } } }');
  userIds = data!.users.nodes.map((n: { userId: string }) => n.userId);
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.resetCalls();
});

const apiCalls = () => h.emulator.requests().map((r) => r.operationId);

describe('the fewest upstream calls', () => {
  it('the same user twice under two aliases costs one call', async () => {
    const { data, errors } = await h.query('query ($id: ID!) { a: user(id: $id) { email } b: user(id: $id) { name } }', { id: userIds[0] });
    expect(errors).toBeUndefined();
    expect(data!.a.email).toMatch(/@/);
    expect(data!.b.name).toBeTruthy();
    expect(apiCalls()).toEqual(['get_users_by_id']);
  });

  it('50 users listed, then each asked for by id, cost one call', async () => {
    const aliases = userIds.slice(0, 50).map((id, i) => `u${i}: user(id: ${JSON.stringify(id)}) { email }`).join('\n');
    const { data, errors } = await h.query(`{ users(first: 50) { nodes { userId email } } ${aliases} }`);
    expect(errors).toBeUndefined();
    expect(data!.u49.email).toBe(data!.users.nodes[49].email);
    expect(apiCalls()).toEqual(['get_users']);
  });

  it('50 distinct users by id are batched into at most two calls', async () => {
    const ids = userIds.slice(10, 60);
    const aliases = ids.map((id, i) => `u${i}: user(id: ${JSON.stringify(id)}) { userId email }`).join('\n');
    const { data, errors } = await h.query(`{ ${aliases} }`);
    expect(errors).toBeUndefined();
    expect(ids.map((id, i) => data![`u${i}`].userId)).toEqual(ids);
    expect(h.calls()).toBeLessThanOrEqual(2);
    expect(apiCalls()[0]).toBe('get_users');
    const q = new URLSearchParams(h.emulator.requests()[0]!.query).get('q')!;
    expect(q.startsWith('user_id:("')).toBe(true);
  });

  it('100 organization members with each member\'s user: the member page plus at most two calls', async () => {
    const { data: orgs } = await h.query('{ organizations(first: 10) { nodes { id members(first: 1) { nodes { userId } } } } }');
    const ids: string[] = orgs!.organizations.nodes.map((o: { id: string }) => o.id);
    let biggest = ids[0]!;
    let size = 0;
    for (const id of ids) {
      const { data } = await h.query('query ($id: ID!) { organizationMembers(id: $id, first: 200) { nodes { userId } } }', { id });
      if (data!.organizationMembers.nodes.length > size) { size = data!.organizationMembers.nodes.length; biggest = id; }
    }
    expect(size).toBeGreaterThanOrEqual(100);
    h.resetCalls();
    const { data, errors } = await h.query('query ($id: ID!) { organizationMembers(id: $id, first: 100) { nodes { userId user { email userId } } } }', { id: biggest });
    expect(errors).toBeUndefined();
    const nodes = data!.organizationMembers.nodes as Array<{ userId: string; user: { email: string; userId: string } }>;
    expect(nodes).toHaveLength(100);
    expect(nodes.every((n) => n.user.userId === n.userId && n.user.email.includes('@'))).toBe(true);
    const calls = apiCalls();
    expect(calls.filter((c) => c === 'get_organization_members')).toHaveLength(1);
    expect(calls.filter((c) => c !== 'get_organization_members').length).toBeLessThanOrEqual(2);
  });

  it('asks only for the selected fields (and the keys edges need) where the endpoint allows', async () => {
    await h.query('{ users(first: 2) { nodes { email roles(first: 1) { nodes { name } } } } }');
    const listCall = h.emulator.requests().find((r) => r.operationId === 'get_users')!;
    expect(new URLSearchParams(listCall.query).get('fields')).toBe('email,user_id');
  });

  it('reports its upstream calls in the response extensions when debug is on', async () => {
    const response = await h.query('query ($id: ID!) { user(id: $id) { email roles { totalCount } } }', { id: userIds[1] });
    expect(response.extensions?.upstream).toMatchObject({ calls: 2 });
    expect(h.calls()).toBe(2);
  });
});

describe('what is sent', () => {
  it('searches users with the v3 engine when q is given', async () => {
    h.resetCalls();
    await h.query('{ users(first: 1, q: "email:*example.com") { nodes { email } } }');
    expect(new URLSearchParams(h.emulator.requests()[0]!.query).get('search_engine')).toBe('v3');
  });

  it('takes no fields/includeFields arguments: the selection is the projection, and a smaller one does not satisfy a later, larger load', async () => {
    const refused = await h.query(`{ user(id: ${JSON.stringify(userIds[3])}, fields: "email") { email } }`);
    expect(refused.errors?.[0]?.message).toMatch(/Unknown argument "fields"/);
    const admin = await h.emulator.issueToken(['read:users']);
    const truth = await (await fetch(`${h.emulator.url}/api/v2/users/${encodeURIComponent(userIds[3]!)}`, { headers: { authorization: `Bearer ${admin}` } })).json() as { email: string; name: string; last_login?: string };

    // Two selections of one user: one lookup, of the whole user (lookups by id are not projected).
    h.resetCalls();
    const both = await h.query(`{ a: user(id: ${JSON.stringify(userIds[3])}) { email } b: user(id: ${JSON.stringify(userIds[3])}) { email name } }`);
    expect(both.errors).toBeUndefined();
    expect(both.data).toEqual({ a: { email: truth.email }, b: { email: truth.email, name: truth.name } });
    const lookups = h.emulator.requests();
    expect(lookups.map((r) => r.operationId)).toEqual(['get_users_by_id']);
    expect(new URLSearchParams(lookups[0]!.query).has('fields')).toBe(false);

    // A list projected to userId and email primes the loader with those two only: a lookup that
    // needs more is sent, and answers what the list did not carry.
    h.resetCalls();
    const { data, errors } = await h.query(`{ users(first: 5) { nodes { userId email } } user(id: ${JSON.stringify(userIds[3])}) { email name lastLogin } }`);
    expect(errors).toBeUndefined();
    const calls = h.emulator.requests();
    expect(new URLSearchParams(calls.find((r) => r.operationId === 'get_users')!.query).get('fields')).toBe('email,user_id');
    expect(calls.filter((r) => r.operationId !== 'get_users')).toHaveLength(1);
    expect(data!.user).toEqual({ email: truth.email, name: truth.name, lastLogin: truth.last_login ?? null });
  });
});
