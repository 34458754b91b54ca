/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConnectionSettings($id: ID!) {\n    connection(id: $id) {\n      id\n      connectionId\n      name\n      displayName\n      strategy\n      options {\n        passwordPolicy\n        extra\n      }\n      clients(first: 50) {\n        nodes {\n          clientId\n          client { name appType }\n        }\n      }\n    }\n  }\n": typeof types.ConnectionSettingsDocument,
    "\n  query OrganizationMembers($id: ID!, $first: Int!, $after: String) {\n    organization(id: $id) {\n      id\n      organizationId\n      name\n      displayName\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          userId\n          name\n          email\n          picture\n          roles { id name }\n        }\n      }\n    }\n  }\n": typeof types.OrganizationMembersDocument,
    "\n  query RoleEditor($id: ID!) {\n    role(id: $id) {\n      id\n      roleId\n      name\n      description\n      permissions(first: 100) {\n        totalCount\n        nodes { permissionName resourceServerIdentifier resourceServerName description }\n      }\n      users(first: 50) {\n        totalCount\n        nodes { userId name email picture }\n      }\n    }\n  }\n": typeof types.RoleEditorDocument,
    "\n  mutation UpdateRole($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) { id roleId name description }\n  }\n": typeof types.UpdateRoleDocument,
    "\n  mutation AddRolePermissions($id: ID!, $permissions: [PermissionRequestPayloadInput!]!) {\n    addRolePermissions(id: $id, input: { permissions: $permissions })\n  }\n": typeof types.AddRolePermissionsDocument,
    "\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      id\n      userId\n      name\n      email\n      emailVerified\n      picture\n      createdAt\n      lastLogin\n      blocked\n      roles(first: 50) {\n        totalCount\n        nodes { id roleId name description }\n      }\n      permissions(first: 100) {\n        totalCount\n        nodes {\n          permissionName\n          resourceServerIdentifier\n          resourceServerName\n          sources { sourceType sourceName }\n        }\n      }\n      organizations(first: 50) {\n        nodes { id organizationId name displayName }\n      }\n      logs(first: 10, sort: \"date:-1\") {\n        nodes { id logId type date description clientName ip }\n      }\n    }\n  }\n": typeof types.UserDetailDocument,
    "\n  query UserList($filter: UserFilter, $page: Int!, $pageSize: Int!) {\n    users(filter: $filter, page: $page, pageSize: $pageSize, sort: \"email:1\") {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage }\n      nodes {\n        id\n        userId\n        name\n        email\n        picture\n        blocked\n        lastLogin\n        identities { connection }\n      }\n    }\n  }\n": typeof types.UserListDocument,
};
const documents: Documents = {
    "\n  query ConnectionSettings($id: ID!) {\n    connection(id: $id) {\n      id\n      connectionId\n      name\n      displayName\n      strategy\n      options {\n        passwordPolicy\n        extra\n      }\n      clients(first: 50) {\n        nodes {\n          clientId\n          client { name appType }\n        }\n      }\n    }\n  }\n": types.ConnectionSettingsDocument,
    "\n  query OrganizationMembers($id: ID!, $first: Int!, $after: String) {\n    organization(id: $id) {\n      id\n      organizationId\n      name\n      displayName\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          userId\n          name\n          email\n          picture\n          roles { id name }\n        }\n      }\n    }\n  }\n": types.OrganizationMembersDocument,
    "\n  query RoleEditor($id: ID!) {\n    role(id: $id) {\n      id\n      roleId\n      name\n      description\n      permissions(first: 100) {\n        totalCount\n        nodes { permissionName resourceServerIdentifier resourceServerName description }\n      }\n      users(first: 50) {\n        totalCount\n        nodes { userId name email picture }\n      }\n    }\n  }\n": types.RoleEditorDocument,
    "\n  mutation UpdateRole($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) { id roleId name description }\n  }\n": types.UpdateRoleDocument,
    "\n  mutation AddRolePermissions($id: ID!, $permissions: [PermissionRequestPayloadInput!]!) {\n    addRolePermissions(id: $id, input: { permissions: $permissions })\n  }\n": types.AddRolePermissionsDocument,
    "\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      id\n      userId\n      name\n      email\n      emailVerified\n      picture\n      createdAt\n      lastLogin\n      blocked\n      roles(first: 50) {\n        totalCount\n        nodes { id roleId name description }\n      }\n      permissions(first: 100) {\n        totalCount\n        nodes {\n          permissionName\n          resourceServerIdentifier\n          resourceServerName\n          sources { sourceType sourceName }\n        }\n      }\n      organizations(first: 50) {\n        nodes { id organizationId name displayName }\n      }\n      logs(first: 10, sort: \"date:-1\") {\n        nodes { id logId type date description clientName ip }\n      }\n    }\n  }\n": types.UserDetailDocument,
    "\n  query UserList($filter: UserFilter, $page: Int!, $pageSize: Int!) {\n    users(filter: $filter, page: $page, pageSize: $pageSize, sort: \"email:1\") {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage }\n      nodes {\n        id\n        userId\n        name\n        email\n        picture\n        blocked\n        lastLogin\n        identities { connection }\n      }\n    }\n  }\n": types.UserListDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectionSettings($id: ID!) {\n    connection(id: $id) {\n      id\n      connectionId\n      name\n      displayName\n      strategy\n      options {\n        passwordPolicy\n        extra\n      }\n      clients(first: 50) {\n        nodes {\n          clientId\n          client { name appType }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConnectionSettings($id: ID!) {\n    connection(id: $id) {\n      id\n      connectionId\n      name\n      displayName\n      strategy\n      options {\n        passwordPolicy\n        extra\n      }\n      clients(first: 50) {\n        nodes {\n          clientId\n          client { name appType }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationMembers($id: ID!, $first: Int!, $after: String) {\n    organization(id: $id) {\n      id\n      organizationId\n      name\n      displayName\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          userId\n          name\n          email\n          picture\n          roles { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganizationMembers($id: ID!, $first: Int!, $after: String) {\n    organization(id: $id) {\n      id\n      organizationId\n      name\n      displayName\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          userId\n          name\n          email\n          picture\n          roles { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoleEditor($id: ID!) {\n    role(id: $id) {\n      id\n      roleId\n      name\n      description\n      permissions(first: 100) {\n        totalCount\n        nodes { permissionName resourceServerIdentifier resourceServerName description }\n      }\n      users(first: 50) {\n        totalCount\n        nodes { userId name email picture }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoleEditor($id: ID!) {\n    role(id: $id) {\n      id\n      roleId\n      name\n      description\n      permissions(first: 100) {\n        totalCount\n        nodes { permissionName resourceServerIdentifier resourceServerName description }\n      }\n      users(first: 50) {\n        totalCount\n        nodes { userId name email picture }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRole($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) { id roleId name description }\n  }\n"): (typeof documents)["\n  mutation UpdateRole($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) { id roleId name description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRolePermissions($id: ID!, $permissions: [PermissionRequestPayloadInput!]!) {\n    addRolePermissions(id: $id, input: { permissions: $permissions })\n  }\n"): (typeof documents)["\n  mutation AddRolePermissions($id: ID!, $permissions: [PermissionRequestPayloadInput!]!) {\n    addRolePermissions(id: $id, input: { permissions: $permissions })\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      id\n      userId\n      name\n      email\n      emailVerified\n      picture\n      createdAt\n      lastLogin\n      blocked\n      roles(first: 50) {\n        totalCount\n        nodes { id roleId name description }\n      }\n      permissions(first: 100) {\n        totalCount\n        nodes {\n          permissionName\n          resourceServerIdentifier\n          resourceServerName\n          sources { sourceType sourceName }\n        }\n      }\n      organizations(first: 50) {\n        nodes { id organizationId name displayName }\n      }\n      logs(first: 10, sort: \"date:-1\") {\n        nodes { id logId type date description clientName ip }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      id\n      userId\n      name\n      email\n      emailVerified\n      picture\n      createdAt\n      lastLogin\n      blocked\n      roles(first: 50) {\n        totalCount\n        nodes { id roleId name description }\n      }\n      permissions(first: 100) {\n        totalCount\n        nodes {\n          permissionName\n          resourceServerIdentifier\n          resourceServerName\n          sources { sourceType sourceName }\n        }\n      }\n      organizations(first: 50) {\n        nodes { id organizationId name displayName }\n      }\n      logs(first: 10, sort: \"date:-1\") {\n        nodes { id logId type date description clientName ip }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserList($filter: UserFilter, $page: Int!, $pageSize: Int!) {\n    users(filter: $filter, page: $page, pageSize: $pageSize, sort: \"email:1\") {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage }\n      nodes {\n        id\n        userId\n        name\n        email\n        picture\n        blocked\n        lastLogin\n        identities { connection }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserList($filter: UserFilter, $page: Int!, $pageSize: Int!) {\n    users(filter: $filter, page: $page, pageSize: $pageSize, sort: \"email:1\") {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage }\n      nodes {\n        id\n        userId\n        name\n        email\n        picture\n        blocked\n        lastLogin\n        identities { connection }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;