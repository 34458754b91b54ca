import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// One user fragment fits a user wherever a list holds one: User, a role's users, an organization's
// members all implement UserProfile, and the rows answer it themselves.
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => h.close());

const badge = 'fragment Badge on UserProfile { userId email name picture }';

it('answers a fragment on UserProfile from users, role users and organization members alike, with no call per row', async () => {
  const { data: some } = await h.query('{ roles(first: 12) { nodes { roleId } } organizations(first: 1) { nodes { organizationId } } }');
  const roleId = some!.roles.nodes[0].roleId as string;
  const organizationId = some!.organizations.nodes[0].organizationId as string;
  h.resetCalls();
  const { data, errors } = await h.query(`query ($role: ID!, $org: ID!) {
    role(id: $role) { users(first: 5) { nodes { ...Badge } } }
    organization(id: $org) { members(first: 5) { nodes { ...Badge } } }
  } ${badge}`, { role: roleId, org: organizationId });
  expect(errors).toBeUndefined();
  // The role, its users, the organization, its members: no user is looked up.
  expect(h.emulator.stats().byOperation).toEqual({ get_roles_by_id: 1, get_role_user: 1, get_organizations_by_id: 1, get_organization_members: 1 });
  const rows = [...data!.role.users.nodes, ...data!.organization.members.nodes] as Array<{ userId: string; email: string; name: string; picture: string }>;
  expect(rows.length).toBeGreaterThan(2);
  // The same four values the user itself answers.
  const ids = rows.map((r) => r.userId);
  const { data: users } = await h.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { ...Badge } } ${badge}`, { ids: ids.map((id) => Buffer.from(`User:${id}`).toString('base64url')) });
  expect(users!.nodes).toEqual(rows);
});

it('declares UserProfile on User and the rows that list users, and nowhere else', () => {
  const profile = h.gateway.runtime.schema.getType('UserProfile');
  expect(profile).toBeDefined();
  expect(h.gateway.runtime.schema.getImplementations(profile as never).objects.map((t) => t.name).sort()).toEqual(['OrganizationMember', 'RoleUser', 'User']);
});
