/**
 * Screen 3 — role editor: the role's name and description in a form, its permissions (with a
 * picker to add more) and the users who hold it. Saving the form and adding a permission are
 * the two mutations.
 */
import { graphql } from './gql/index.js';
import type { RoleEditorQuery } from './gql/graphql.js';

export const RoleEditorDocument = graphql(`
  query RoleEditor($id: ID!) {
    role(id: $id) {
      id
      roleId
      name
      description
      permissions(first: 100) {
        totalCount
        nodes { permissionName resourceServerIdentifier resourceServerName description }
      }
      users(first: 50) {
        totalCount
        nodes { userId name email picture }
      }
    }
  }
`);

export const UpdateRoleDocument = graphql(`
  mutation UpdateRole($id: ID!, $input: UpdateRoleInput!) {
    updateRole(id: $id, input: $input) { id roleId name description }
  }
`);

export const AddRolePermissionsDocument = graphql(`
  mutation AddRolePermissions($id: ID!, $permissions: [PermissionRequestPayloadInput!]!) {
    addRolePermissions(id: $id, input: { permissions: $permissions })
  }
`);

export interface RoleEditorView {
  form: { name: string; description: string };
  permissions: Array<{ key: string; label: string; api: string }>;
  holders: Array<{ userId: string; label: string }>;
  heading: string;
}

export function roleEditorScreen(data: RoleEditorQuery): RoleEditorView | null {
  const role = data.role;
  if (!role) return null;
  const permissions = role.permissions?.nodes ?? [];
  const users = role.users?.nodes ?? [];
  return {
    form: { name: role.name, description: role.description ?? '' },
    permissions: permissions.map((permission) => ({
      key: `${permission.resourceServerIdentifier ?? ''} ${permission.permissionName ?? ''}`,
      label: permission.permissionName ?? '',
      api: permission.resourceServerName ?? permission.resourceServerIdentifier ?? '',
    })),
    holders: users.map((user) => ({ userId: user.userId, label: user.name ?? user.email ?? user.userId })),
    heading: `${role.name} · ${role.permissions?.totalCount ?? permissions.length} permissions · ${role.users?.totalCount ?? users.length} users`,
  };
}
