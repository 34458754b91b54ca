import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';

const app = createApp();

async function post(query: string, variables?: Record<string, unknown>) {
  const response = await app.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

describe('the served schema', () => {
  it('answers introspection with the generated types and their descriptions', async () => {
    const { body } = await post('{ __type(name: "User") { description fields { name } } q: __schema { queryType { fields { name } } } }');
    const type = body.data?.__type as { fields: Array<{ name: string }> };
    expect(type.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['userId', 'email', 'roles']));
    const fields = (body.data?.q as { queryType: { fields: Array<{ name: string }> } }).queryType.fields;
    // 191 GET operations, the lookup Query.connectionByName, and node, nodes and me.
    expect(fields.length).toBe(195);
  });

  it('says clearly when no tenant is configured, and invents no data', async () => {
    const { body } = await post('query ($id: ID!) { user(id: $id) { email } }', { id: 'auth0|1' });
    expect(body.data).toEqual({ user: null });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', operationId: 'get_users_by_id' });
    expect(body.errors?.[0]?.message).toContain('GET /users/{id}');
  });

  it('rejects a wrong enum value with a validation error naming it', async () => {
    const { body } = await post('{ connections(strategy: [google-oauth2]) { totalCount } }');
    expect(body.errors?.[0]?.message).toMatch(/Syntax Error|Expected/);
    const typed = await post('{ connections(strategy: [NOT_A_STRATEGY]) { totalCount } }');
    expect(typed.body.errors?.[0]?.message).toContain('Value "NOT_A_STRATEGY" does not exist in "ConnectionStrategy" enum');
  });

  it('answers malformed GraphQL with a syntax error and status 400', async () => {
    const { status, body } = await post('{ users { ');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await app.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Auth0 Management API — GraphQL</title>');
  });
});
