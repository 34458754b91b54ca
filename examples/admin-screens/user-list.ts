/**
 * Screen 1 — user list with search and paging. A search box (email, name, connection) above a
 * table of users, with "page 2 of 11" paging by page index.
 */
import { graphql } from './gql/index.js';
import type { UserListQuery } from './gql/graphql.js';

export const UserListDocument = graphql(`
  query UserList($filter: UserFilter, $page: Int!, $pageSize: Int!) {
    users(filter: $filter, page: $page, pageSize: $pageSize, sort: "email:1") {
      totalCount
      pageInfo { hasNextPage hasPreviousPage }
      nodes {
        id
        userId
        name
        email
        picture
        blocked
        lastLogin
        identities { connection }
      }
    }
  }
`);

export interface UserRow {
  id: string;
  userId: string;
  label: string;
  email: string;
  connection: string;
  status: 'active' | 'blocked';
  lastLogin: string;
}

export interface UserListView {
  rows: UserRow[];
  summary: string;
  canGoBack: boolean;
  canGoForward: boolean;
}

export function userListScreen(data: UserListQuery, page: number, pageSize: number): UserListView {
  const users = data.users;
  const total = users?.totalCount ?? 0;
  const rows = (users?.nodes ?? []).map((user) => ({
    id: user.id,
    userId: user.userId,
    label: user.name ?? user.email ?? user.userId,
    email: user.email ?? '',
    connection: user.identities?.[0]?.connection ?? '',
    status: user.blocked ? 'blocked' as const : 'active' as const,
    lastLogin: user.lastLogin ? user.lastLogin.slice(0, 10) : 'never',
  }));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return {
    rows,
    summary: `${total} users · page ${page + 1} of ${pages}`,
    canGoBack: users?.pageInfo.hasPreviousPage ?? false,
    canGoForward: users?.pageInfo.hasNextPage ?? false,
  };
}
