/**
 * Screen 4 — organization members: the organization's name, then its members page by page,
 * each with the roles they hold in this organization.
 */
import { graphql } from './gql/index.js';
import type { OrganizationMembersQuery } from './gql/graphql.js';

export const OrganizationMembersDocument = graphql(`
  query OrganizationMembers($id: ID!, $first: Int!, $after: String) {
    organization(id: $id) {
      id
      organizationId
      name
      displayName
      members(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          userId
          name
          email
          picture
          roles { id name }
        }
      }
    }
  }
`);

export interface OrganizationMembersView {
  title: string;
  members: Array<{ userId: string; label: string; email: string; roles: string }>;
  nextCursor: string | null;
}

export function organizationMembersScreen(data: OrganizationMembersQuery): OrganizationMembersView | null {
  const org = data.organization;
  if (!org) return null;
  const members = org.members?.nodes ?? [];
  return {
    title: `${org.displayName ?? org.name} (${org.members?.totalCount ?? members.length} members)`,
    members: members.map((member) => ({
      userId: member.userId,
      label: member.name ?? member.email ?? member.userId,
      email: member.email ?? '',
      roles: (member.roles ?? []).map((role) => role.name ?? role.id ?? '').join(', ') || '—',
    })),
    nextCursor: org.members?.pageInfo.hasNextPage ? org.members.pageInfo.endCursor ?? null : null,
  };
}
