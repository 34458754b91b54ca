import { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

// The official SDK, pointed at the emulator: its https://DOMAIN/api/v2 is rerouted to the
// emulator's loopback origin, and its token comes from the emulator's /oauth/token.
let emulator: Emulator;
let client: ManagementClient;

beforeAll(async () => {
  emulator = await startEmulator();
  const token = async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.demoClient.clientId, client_secret: emulator.demoClient.clientSecret, audience: emulator.audience }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  client = new ManagementClient({
    domain: 'tenant.emulator.test',
    token,
    fetch: (input, init) => fetch(String(input instanceof Request ? input.url : input).replace('https://tenant.emulator.test', emulator.url), init),
  });
});

afterAll(async () => {
  await emulator.close();
});

describe('the official auth0 SDK against the emulator', () => {
  it('lists connections across checkpoint pages', async () => {
    const names: string[] = [];
    let page = await client.connections.list({ take: 1 });
    names.push(...page.data.map((c) => String(c.name)));
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      names.push(...page.data.map((c) => String(c.name)));
    }
    expect(names).toEqual(['Username-Password-Authentication', 'google-oauth2', 'acme-saml']);
    expect(emulator.requests().filter((r) => r.operationId === 'get_connections').map((r) => new URLSearchParams(r.query).has('from'))).toEqual([false, true, true]);
  });

  it('lists users with totals across offset pages', async () => {
    const ids = new Set<string>();
    let page = await client.users.list({ per_page: 100, include_totals: true });
    expect(page.response.total).toBe(520);
    page.data.forEach((u) => ids.add(String(u.user_id)));
    for (let n = 0; page.hasNextPage() && n < 10; n++) {
      page = await page.getNextPage();
      page.data.forEach((u) => ids.add(String(u.user_id)));
    }
    expect(ids.size).toBe(520);
  });

  it('searches users by q', async () => {
    const page = await client.users.list({ q: 'identities.connection:"acme-saml" AND email_verified:true', search_engine: 'v3', per_page: 100 });
    expect(page.data.length).toBeGreaterThan(10);
    for (const user of page.data) {
      expect(user.identities?.[0]?.connection).toBe('acme-saml');
      expect(user.email_verified).toBe(true);
    }
  });

  it('creates, reads, updates and deletes a user, and assigns and removes a role', async () => {
    const created = await client.users.create({ connection: 'Username-Password-Authentication', email: 'SDK.User@Example.com', password: 'Str0ng-enough!', name: 'SDK User' });
    const id = String(created.user_id);
    expect(created.email).toBe('sdk.user@example.com');
    expect((await client.users.get(id)).name).toBe('SDK User');
    const updated = await client.users.update(id, { name: 'Renamed', user_metadata: { theme: 'dark' } });
    expect(updated.name).toBe('Renamed');
    expect((await client.users.get(id)).user_metadata).toEqual({ theme: 'dark' });

    const roles = await client.roles.list({ per_page: 1 });
    const roleId = String(roles.data[0]!.id);
    await client.users.roles.assign(id, { roles: [roleId] });
    expect((await client.users.roles.list(id)).data.map((r) => r.id)).toEqual([roleId]);
    await client.users.roles.delete(id, { roles: [roleId] });
    expect((await client.users.roles.list(id)).data).toEqual([]);

    await client.users.delete(id);
    await expect(client.users.get(id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
