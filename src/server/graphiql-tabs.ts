/** The example tabs GraphiQL opens with on a first visit. */
export const GRAPHIQL_TABS = [
  {
    query: `# Users, with their roles: one call for the page, one per user's roles (batched per request).
query UsersWithRoles {
  users(first: 10, q: "app_metadata.plan:pro") {
    totalCount
    nodes {
      userId
      email
      lastLogin
      roles { nodes { name } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `# Organizations with their members; each member's user profile is loaded in batches.
query OrganizationsWithMembers {
  organizations(first: 3) {
    nodes {
      displayName
      members(first: 5) {
        nodes { email user { loginsCount lastLogin } }
      }
    }
  }
}
`,
  },
  {
    query: `# Connections, a page at a time: pass pageInfo.endCursor back as $after.
query ConnectionsPage($after: String) {
  connections(first: 2, after: $after) {
    edges { cursor node { name strategy } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
];
