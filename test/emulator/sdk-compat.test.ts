import { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

// The official SDK, configured as for a real tenant (a domain, a client id and secret, nothing
// else): the emulator runs with that domain (EMULATOR_DOMAIN), so the audience the SDK derives,
// https://DOMAIN/api/v2/, is the emulator's own. Only the network is rerouted: https://DOMAIN to
// the emulator's loopback origin, as a hosts entry or a proxy would.
const DOMAIN = 'tenant.emulator.test';
let emulator: Emulator;
let client: ManagementClient;

const sdkFor = (target: Emulator) => new ManagementClient({
  domain: DOMAIN,
  clientId: target.demoClient.clientId,
  clientSecret: target.demoClient.clientSecret,
  fetch: (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(`https://${DOMAIN}`, target.url), init),
});

beforeAll(async () => {
  emulator = await startEmulator({ domain: DOMAIN });
  client = sdkFor(emulator);
});

afterAll(async () => {
  await emulator.close();
});

describe('the SDK\'s own token request', () => {
  it('is granted for the audience the SDK derives from the domain', async () => {
    emulator.resetStats();
    const page = await client.roles.list({ per_page: 1 });
    expect(page.data).toHaveLength(1);
    expect(emulator.tokenRequests()).toBe(1);
    expect(emulator.audience).toBe(`https://${DOMAIN}/api/v2/`);
  });

  it('is refused by an emulator that does not know the domain, naming the audience', async () => {
    const other = await startEmulator();
    try {
      await expect(sdkFor(other).roles.list({ per_page: 1 })).rejects.toThrow(`https://${DOMAIN}/api/v2/`);
      expect(other.stats().total).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('rejects a domain that is not a bare host name', async () => {
    await expect(startEmulator({ domain: 'https://tenant.emulator.test/' })).rejects.toThrow(/bare host name/);
  });
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
