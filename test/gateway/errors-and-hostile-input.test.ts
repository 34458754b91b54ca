import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ upstreamOverrides: { timeouts: { headersMs: 300 }, retry: { baseDelayMs: 10 } } });
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.emulator.setFaults({});
  h.resetCalls();
});

describe('upstream errors become GraphQL errors; siblings keep their data', () => {
  it('a missing user is NOT_FOUND with Auth0\'s codes, next to a field that worked', async () => {
    const { data, errors } = await h.query('{ missing: user(id: "auth0|nope") { email } roles(first: 1) { nodes { name } } }');
    expect(data!.missing).toBeNull();
    expect(data!.roles.nodes).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.path).toEqual(['missing']);
    expect(errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', statusCode: 404, errorCode: 'inexistent_user', operationId: 'get_users_by_id' });
    expect(errors![0]!.message).toBe('The user does not exist.');
  });

  it('a 400 from Auth0 is BAD_REQUEST with its message', async () => {
    const { errors } = await h.query('{ users(first: 5, q: "email:\\"unterminated") { nodes { userId } } }');
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', statusCode: 400, operationId: 'get_users' });
  });

  it('a 429 is waited out and retried, and the answer arrives', async () => {
    h.emulator.setFaults({ rateLimitBurst: 1 });
    const { data, errors } = await h.query('{ roles(first: 2) { nodes { id } } }');
    expect(errors).toBeUndefined();
    expect(data!.roles.nodes).toHaveLength(2);
    expect(h.emulator.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('a mutation that got no answer is not retried, and says its outcome is unknown', async () => {
    h.emulator.setFaults({ hang: 1 });
    const { errors } = await h.query('mutation { createRole(input: { name: "Timed out" }) { id } }');
    expect(errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', operationId: 'post_roles' });
    expect(errors![0]!.message).toMatch(/may have been applied/);
    expect(h.emulator.requests().filter((r) => r.operationId === 'post_roles')).toHaveLength(1);
  });

  it('a read that met a dropped connection is retried', async () => {
    h.emulator.resetStats();
    h.emulator.setFaults({ resetConnections: 1 });
    const { data, errors } = await h.query('{ roles(first: 1) { nodes { id } } }');
    expect(errors).toBeUndefined();
    expect(data!.roles.nodes).toHaveLength(1);
    // The emulator dropped the first attempt's connection (-1) and answered the second.
    expect(h.emulator.requests().filter((r) => r.operationId === 'get_roles').map((r) => r.status)).toEqual([-1, 200]);
  });
});

describe('hostile ids reach the right path, encoded', () => {
  it.each(['../clients', 'auth0|x?y#z', 'a/b/../../clients', '"quoted\'|pipe'])('%j', async (id) => {
    const { data, errors } = await h.query('query ($id: ID!) { user(id: $id) { email } }', { id });
    expect(data!.user).toBeNull();
    expect(errors![0]!.extensions?.code).toBe('NOT_FOUND');
    const seen = h.emulator.requests();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe(`/api/v2/users/${encodeURIComponent(id)}`);
    expect(seen[0]!.query).toBe('');
  });

  it.each(['.', '..'])('refuses %j before any upstream call', async (id) => {
    const { errors } = await h.query('query ($id: ID!) { user(id: $id) { email } }', { id });
    expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.calls()).toBe(0);
  });

  it('wrong argument types are refused by validation, before any call', async () => {
    const { errors } = await h.query('{ users(first: "ten") { nodes { userId } } }');
    expect(errors![0]!.message).toContain('Int cannot represent non-integer value: "ten"');
    expect(h.calls()).toBe(0);
  });
});

describe('mutations round-trip and prime the loaders', () => {
  it('creates, reads, updates, assigns roles to and deletes a user', async () => {
    const created = await h.query(`mutation { createUser(input: { connection: "Username-Password-Authentication", email: "Round.Trip@example.com", password: "Passw0rd!x", userMetadata: { theme: "dark" } }) { userId email userMetadata } }`);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createUser.userId as string;
    expect(created.data!.createUser).toMatchObject({ email: 'round.trip@example.com', userMetadata: { theme: 'dark' } });
    const { data: roles } = await h.query('{ roles(first: 2) { nodes { roleId } } }');
    const roleIds = roles!.roles.nodes.map((r: { roleId: string }) => r.roleId);
    const updated = await h.query('mutation ($id: ID!, $roles: [String!]!) { updateUser(id: $id, input: { name: "Renamed", appMetadata: { plan: "pro" } }) { name appMetadata } assignUserRoles(id: $id, input: { roles: $roles }) }', { id, roles: roleIds });
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({ updateUser: { name: 'Renamed', appMetadata: { plan: 'pro' } }, assignUserRoles: true });
    h.emulator.resetStats();
    const read = await h.query('query ($id: ID!) { user(id: $id) { name roles { totalCount nodes { roleId } } } }', { id });
    expect(read.data!.user.name).toBe('Renamed');
    // One call for the user, one for their roles.
    expect(h.emulator.stats().byOperation).toEqual({ get_users_by_id: 1, get_user_roles: 1 });
    expect(read.data!.user.roles.nodes.map((r: { roleId: string }) => r.roleId).sort()).toEqual([...roleIds].sort());
    // A mutation's answer serves its selection: no read follows the write.
    h.emulator.resetStats();
    const primed = await h.query('mutation ($id: ID!) { updateUser(id: $id, input: { nickname: "rt" }) { nickname } }', { id });
    expect(primed.data).toEqual({ updateUser: { nickname: 'rt' } });
    expect(h.emulator.stats().byOperation).toEqual({ patch_users_by_id: 1 });
    const deleted = await h.query('mutation ($id: ID!) { deleteUser(id: $id) }', { id });
    expect(deleted.data).toEqual({ deleteUser: true });
    const gone = await h.query('query ($id: ID!) { user(id: $id) { name } }', { id });
    expect(gone.errors![0]!.extensions?.code).toBe('NOT_FOUND');
  });
});
