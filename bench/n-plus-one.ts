/**
 * Upstream calls and wall time of the gateway against two baselines, with injected upstream
 * latency (the emulator's fault knob), in one run.
 *
 *   npm run bench:n-plus-one [-- --runs 5 --latency 20]
 *
 * - naive: what a gateway without loaders does for the same query: one REST call per field
 *   resolution (concurrent where GraphQL resolves siblings concurrently);
 * - ideal: the fewest calls a careful engineer makes with the REST API for the same answer
 *   (list the 12 roles and each role's users rather than each user's roles; use what member rows
 *   already carry; list the clients once rather than get each).
 * Both go directly to the same emulator with the same token and latency. Medians over the runs.
 */
import { startEmulator } from '../src/emulator/index.js';
import { createGateway } from '../src/server/gateway.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const runs = arg('runs', 5);
const latency = arg('latency', 20);

// No rate limit here: the naive baseline alone sends hundreds of calls a run, and calls are what is counted.
const emulator = await startEmulator({ rateLimit: false });
const gateway = createGateway({ upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } } });
const token = await emulator.issueToken(['read:users', 'read:organizations', 'read:organization_members', 'read:roles', 'read:connections', 'read:clients']);

async function gql(query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await gateway.app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json() as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function rest(path: string): Promise<any> {
  const response = await fetch(`${emulator.url}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// Fixtures, before latency is switched on.
const userIds: string[] = (await gql('{ users(first: 100) { nodes { userId } } }')).users.nodes.map((n: { userId: string }) => n.userId);
const orgs = ((await gql('{ organizations(first: 10) { nodes { organizationId } } }')).organizations.nodes as Array<{ organizationId: string }>).map((o) => ({ id: o.organizationId }));
let org = orgs[0]!.id;
let most = 0;
for (const { id } of orgs) {
  const size = (await rest(`/organizations/${id}/members?per_page=100`)).length;
  if (size > most) { most = size; org = id; }
}
const enc = encodeURIComponent;
// The connection with the most enabled clients.
let connectionId = '';
let enabled = -1;
for (const c of await rest('/connections?per_page=100') as Array<{ id: string }>) {
  const count = ((await rest(`/connections/${c.id}/clients?take=100`)) as { clients: unknown[] }).clients.length;
  if (count > enabled) { enabled = count; connectionId = c.id; }
}

interface Scenario { name: string; gateway: () => Promise<unknown>; naive: () => Promise<unknown>; ideal: () => Promise<unknown> }
const scenarios: Scenario[] = [
  {
    name: 'same user under two aliases',
    gateway: () => gql(`{ a: user(id: ${JSON.stringify(userIds[0])}) { email } b: user(id: ${JSON.stringify(userIds[0])}) { name } }`),
    naive: () => Promise.all([rest(`/users/${enc(userIds[0]!)}`), rest(`/users/${enc(userIds[0]!)}`)]),
    ideal: () => rest(`/users/${enc(userIds[0]!)}`),
  },
  {
    name: '50 users listed, each again by id',
    gateway: () => gql(`{ users(first: 50) { nodes { userId email } } ${userIds.slice(0, 50).map((id, i) => `u${i}: user(id: ${JSON.stringify(id)}) { email }`).join(' ')} }`),
    naive: () => Promise.all([rest('/users?per_page=50'), ...userIds.slice(0, 50).map((id) => rest(`/users/${enc(id)}`))]),
    ideal: () => rest('/users?per_page=50'),
  },
  {
    name: '50 distinct users by id',
    gateway: () => gql(`{ ${userIds.slice(50, 100).map((id, i) => `u${i}: user(id: ${JSON.stringify(id)}) { email }`).join(' ')} }`),
    naive: () => Promise.all(userIds.slice(50, 100).map((id) => rest(`/users/${enc(id)}`))),
    ideal: () => rest(`/users?search_engine=v3&per_page=100&q=${enc(`user_id:(${userIds.slice(50, 100).map((id) => JSON.stringify(id)).join(' OR ')})`)}`),
  },
  {
    name: `${Math.min(most, 100)} organization members with their user`,
    gateway: () => gql('query ($id: ID!) { organizationMembers(id: $id, first: 100) { nodes { userId user { email lastLogin } } } }', { id: org }),
    naive: async () => {
      const members = await rest(`/organizations/${org}/members?per_page=100`) as Array<{ user_id: string }>;
      return Promise.all(members.map((m) => rest(`/users/${enc(m.user_id)}`)));
    },
    ideal: async () => {
      const members = await rest(`/organizations/${org}/members?per_page=100`) as Array<{ user_id: string }>;
      const ids = members.map((m) => m.user_id);
      const chunks = [ids.slice(0, 50), ids.slice(50)].filter((c) => c.length > 0);
      return Promise.all(chunks.map((c) => rest(`/users?search_engine=v3&per_page=100&q=${enc(`user_id:(${c.map((id) => JSON.stringify(id)).join(' OR ')})`)}`)));
    },
  },
  {
    name: '100 users with their roles',
    gateway: () => gql('{ users(first: 100) { nodes { email roles(first: 50) { nodes { name } } } } }'),
    naive: async () => {
      const users = await rest('/users?per_page=100') as Array<{ user_id: string }>;
      return Promise.all(users.map((u) => rest(`/users/${enc(u.user_id)}/roles?per_page=50`)));
    },
    ideal: async () => {
      const [, roles] = await Promise.all([rest('/users?per_page=100'), rest('/roles?per_page=100') as Promise<Array<{ id: string }>>]);
      return Promise.all(roles.map((r) => rest(`/roles/${r.id}/users?take=100`)));
    },
  },
  {
    name: '6 organizations × 50 members × user { email }',
    gateway: () => gql('{ organizations(first: 6) { nodes { members(first: 50) { nodes { user { email } } } } } }'),
    naive: async () => {
      const orgs6 = await rest('/organizations?per_page=6') as Array<{ id: string }>;
      const pages = await Promise.all(orgs6.map((o) => rest(`/organizations/${o.id}/members?per_page=50`) as Promise<Array<{ user_id: string }>>));
      return Promise.all(pages.flat().map((m) => rest(`/users/${enc(m.user_id)}`)));
    },
    ideal: async () => {
      const orgs6 = await rest('/organizations?per_page=6') as Array<{ id: string }>;
      return Promise.all(orgs6.map((o) => rest(`/organizations/${o.id}/members?per_page=50`)));
    },
  },
  {
    name: `enabled clients of a connection, with their names`,
    gateway: () => gql('query ($id: ID!) { connectionClients(id: $id, first: 50) { nodes { client { name } } } }', { id: connectionId }),
    naive: async () => {
      const page = await rest(`/connections/${connectionId}/clients?take=50`) as { clients: Array<{ client_id: string }> };
      return Promise.all(page.clients.map((c) => rest(`/clients/${enc(c.client_id)}`)));
    },
    ideal: () => Promise.all([rest(`/connections/${connectionId}/clients?take=50`), rest('/clients?per_page=100')]),
  },
];

emulator.setFaults({ latencyMs: latency });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function measure(fn: () => Promise<unknown>): Promise<{ calls: number; ms: number }> {
  const calls: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    emulator.resetStats();
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
    calls.push(emulator.stats().total);
  }
  return { calls: median(calls), ms: median(times) };
}

console.log(`n-plus-one: ${latency} ms injected upstream latency, median of ${runs} runs`);
console.log('scenario | gateway calls | gateway ms | naive calls | naive ms | ideal REST calls | ideal REST ms | gateway calls over ideal');
console.log('---|---|---|---|---|---|---|---');
for (const scenario of scenarios) {
  await scenario.gateway();
  const g = await measure(scenario.gateway);
  const n = await measure(scenario.naive);
  const i = await measure(scenario.ideal);
  console.log(`${scenario.name} | ${g.calls} | ${g.ms.toFixed(0)} | ${n.calls} | ${n.ms.toFixed(0)} | ${i.calls} | ${i.ms.toFixed(0)} | ${g.calls - i.calls >= 0 ? '+' : ''}${g.calls - i.calls}`);
}
await gateway.close();
await emulator.close();
