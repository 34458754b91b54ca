/**
 * Screen 2 — user detail: the profile header, then tabs for the user's roles, permissions
 * (with where each comes from), organizations and the latest log events.
 */
import { graphql } from './gql/index.js';
import type { UserDetailQuery } from './gql/graphql.js';

export const UserDetailDocument = graphql(`
  query UserDetail($id: ID!) {
    user(id: $id) {
      id
      userId
      name
      email
      emailVerified
      picture
      createdAt
      lastLogin
      blocked
      roles(first: 50) {
        totalCount
        nodes { id roleId name description }
      }
      permissions(first: 100) {
        totalCount
        nodes {
          permissionName
          resourceServerIdentifier
          resourceServerName
          sources { sourceType sourceName }
        }
      }
      organizations(first: 50) {
        nodes { id organizationId name displayName }
      }
      logs(first: 10, sort: "date:-1") {
        nodes { id logId type date description clientName ip }
      }
    }
  }
`);

export interface UserDetailView {
  title: string;
  subtitle: string;
  badges: string[];
  roles: Array<{ id: string; label: string }>;
  permissions: Array<{ label: string; api: string; via: string }>;
  organizations: Array<{ id: string; label: string }>;
  events: Array<{ id: string; when: string; what: string }>;
  tabs: string[];
}

export function userDetailScreen(data: UserDetailQuery): UserDetailView | null {
  const user = data.user;
  if (!user) return null;
  const roles = user.roles?.nodes ?? [];
  const permissions = user.permissions?.nodes ?? [];
  const organizations = user.organizations?.nodes ?? [];
  const logs = user.logs?.nodes ?? [];
  const badges: string[] = [];
  if (user.blocked) badges.push('blocked');
  if (!user.emailVerified) badges.push('email not verified');
  return {
    title: user.name ?? user.email ?? user.userId,
    subtitle: `${user.email ?? 'no email'} · joined ${String(user.createdAt ?? '').slice(0, 10)}`,
    badges,
    roles: roles.map((role) => ({ id: role.id, label: role.name })),
    permissions: permissions.map((permission) => ({
      label: permission.permissionName,
      api: permission.resourceServerName ?? permission.resourceServerIdentifier ?? '',
      via: (permission.sources ?? []).map((source) => source.sourceType === 'DIRECT' ? 'direct' : `role ${source.sourceName ?? ''}`).join(', '),
    })),
    organizations: organizations.map((org) => ({ id: org.id, label: org.displayName ?? org.name })),
    events: logs.map((log) => ({ id: log.id, when: String(log.date ?? ''), what: log.description ?? log.type ?? '' })),
    tabs: [
      `Roles (${user.roles?.totalCount ?? roles.length})`,
      `Permissions (${user.permissions?.totalCount ?? permissions.length})`,
      `Organizations (${organizations.length})`,
      'Logs',
    ],
  };
}
