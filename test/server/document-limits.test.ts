import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

// Document limits (graphql-armor's, and the cap on repeated fields), each refused before execution with its own code; the emulator counts
// upstream calls, so "no call was made" is checked where the calls would land.
let emulator: Emulator;
let gateway: Gateway;

beforeAll(async () => {
  emulator = await startEmulator();
  gateway = createGateway({
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
    limits: { maxDepth: 4, maxAliases: 3, maxTokens: 1000, maxRepeatedFields: 30 },
  });
});

afterAll(async () => {
  await gateway.close();
  await emulator.close();
});

beforeEach(() => emulator.resetStats());

async function post(query: string) {
  const response = await gateway.app.fetch('http://gateway.test/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

describe('document limits refuse with their own code, status 400, before any upstream call', () => {
  it.each([
    ['a query deeper than maxDepth', 'QUERY_TOO_DEEP', /depth limit of 4/, '{ users(first: 1) { nodes { roles { nodes { users { nodes { email } } } } } } }'],
    ['more aliases than maxAliases', 'TOO_MANY_ALIASES', /Aliases limit of 3/i, '{ a: roles(first: 1) { totalCount } b: roles(first: 1) { totalCount } c: roles(first: 1) { totalCount } d: roles(first: 1) { totalCount } }'],
    ['more tokens than maxTokens', 'TOO_MANY_TOKENS', /Token limit of 1000/, `{ roles(first: 1) { nodes { ${'name '.repeat(1000)}} } }`],
    ['more directives than allowed', 'TOO_MANY_DIRECTIVES', /Directives limit of 50/i, `{ roles(first: 1) { nodes { ${'name @skip(if: false) @include(if: true) '.repeat(26)}} } }`],
    ['one field repeated past the cap, through a fragment too', 'TOO_MANY_REPEATED_FIELDS', /"users" is asked for 31 times in one selection; at most 30/,
      `{ roles(first: 1) { nodes { ${'users(first: 1) { totalCount } '.repeat(20)} ...R } } } fragment R on Role { ${'users(first: 1) { totalCount } '.repeat(11)} }`],
  ])('refuses %s with %s', async (_name, code, message, query) => {
    const { status, body } = await post(query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(emulator.stats().total).toBe(0);
  });

  it('lets a query within every limit through', async () => {
    const { status, body } = await post(`{ a: roles(first: 1) { nodes { name @skip(if: false) } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(emulator.stats().total).toBeGreaterThan(0);
  });
});
