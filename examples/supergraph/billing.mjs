/**
 * Billing: a small Federation v2.5 subgraph that extends the Auth0 subgraph's `User` (key `userId`,
 * typed `String` like the Auth0 subgraph's nullable `User.userId`) with invoices.
 *
 *   BILLING_USER_IDS=auth0|a,auth0|b PORT=0 node billing.mjs
 *   BILLING_USER_IDS_FILE=ids.txt node billing.mjs     (ids separated by commas, whitespace or newlines; or a JSON array)
 *
 * Env: BILLING_INVOICES (default 100): invoice i belongs to id i mod n, so 100 ids give one each.
 * Prints `billing: http://127.0.0.1:<port>/graphql`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { buildSubgraphSchema, exitOnSignals, isMain, listen } from './subgraph-kit.mjs';

export const billingSdl = /* GraphQL */ `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

type Invoice @key(fields: "id") {
  id: ID!
  amount: Float!
  currency: String!
  userId: String!
  user: User!
}

type User @key(fields: "userId") {
  userId: String
  invoices: [Invoice!]!
}

type Query {
  invoices(first: Int): [Invoice!]!
}
`;

const CURRENCIES = ['USD', 'EUR', 'GBP'];

/** Deterministic invoices: the same ids always give the same invoices. */
export function makeInvoices(userIds, count = 100) {
  if (userIds.length === 0) return [];
  return Array.from({ length: count }, (_, i) => ({
    id: `inv_${String(i + 1).padStart(4, '0')}`,
    // 5.00 … 504.99 from whole cents, spread by a multiplicative step.
    amount: (500 + ((i * 7919 + 104729) % 50000)) / 100,
    currency: CURRENCIES[i % CURRENCIES.length],
    userId: userIds[i % userIds.length],
  }));
}

export function parseUserIds(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed).map(String);
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

export function createBillingSchema(invoices) {
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const byUser = new Map();
  for (const invoice of invoices) {
    if (!byUser.has(invoice.userId)) byUser.set(invoice.userId, []);
    byUser.get(invoice.userId).push(invoice);
  }
  return buildSubgraphSchema({
    sdl: billingSdl,
    resolvers: {
      Query: {
        invoices: (_root, { first }) => (first == null ? invoices : invoices.slice(0, Math.max(0, first))),
      },
      Invoice: { user: (invoice) => ({ __typename: 'User', userId: invoice.userId }) },
      User: { invoices: (user) => byUser.get(user.userId) ?? [] },
    },
    entities: {
      Invoice: ({ id }) => byId.get(id) ?? null,
      // Billing knows every user by reference: one without invoices has an empty list.
      User: ({ userId }) => ({ userId }),
    },
  });
}

if (isMain(import.meta.url)) {
  const source = process.env.BILLING_USER_IDS ?? (process.env.BILLING_USER_IDS_FILE ? readFileSync(process.env.BILLING_USER_IDS_FILE, 'utf8') : '');
  const userIds = parseUserIds(source);
  if (userIds.length === 0) {
    console.error('billing: no user ids (set BILLING_USER_IDS=id1,id2,… or BILLING_USER_IDS_FILE=<file>)');
    process.exit(2);
  }
  const invoices = makeInvoices(userIds, Number(process.env.BILLING_INVOICES ?? 100));
  const yoga = createYoga({ schema: createBillingSchema(invoices), graphiql: false, logging: 'warn' });
  const server = createServer((req, res) => {
    // The Auth0 gateway's API key is not billing's business: the supergraph gateway must not send it.
    if (req.headers['x-api-key'] !== undefined) console.error('billing: received an x-api-key header');
    yoga(req, res);
  });
  const port = await listen(server, Number(process.env.PORT ?? 4002));
  console.log(`billing: http://127.0.0.1:${port}/graphql`);
  console.error(`billing: ${invoices.length} invoices for ${new Set(invoices.map((i) => i.userId)).size} users`);
  exitOnSignals(server);
}
