import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator();
  token = await emulator.issueToken(['read:users', 'read:connections', 'read:logs', 'read:organization_members', 'read:organizations']);
});

afterAll(async () => {
  await emulator.close();
});

async function get(path: string): Promise<any> {
  const response = await fetch(`${emulator.url}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body;
}

const q = (query: string) => `/users?search_engine=v3&per_page=100&q=${encodeURIComponent(query)}`;

describe('checkpoint paging', () => {
  // Organization members keep `next` on the last page with results; the page after it is empty and
  // has no `next` (spec/overlays: x-auth0-checkpoint-next-on-last-page, recorded real traffic, issue 12).
  it('walks every organization member once; `next` is opaque and absent only after the last page', async () => {
    const orgs = await get('/organizations');
    const all = await get(`/organizations/${orgs[0].id}/members?per_page=100&include_totals=true`);
    const seen: string[] = [];
    let from: string | undefined;
    let pages = 0;
    do {
      const page = await get(`/organizations/${orgs[0].id}/members?take=17${from ? `&from=${from}` : ''}`);
      seen.push(...page.members.map((m: { user_id: string }) => m.user_id));
      from = page.next;
      pages++;
      if (from) expect(from).toMatch(/^[A-Za-z0-9_-]+$/);
      else expect('next' in page).toBe(false);
    } while (from);
    expect(seen).toEqual(all.members.map((m: { user_id: string }) => m.user_id));
    expect(pages).toBe(Math.ceil(all.total / 17) + 1);
  });

  it('refuses take above 100', async () => {
    await expect(get('/connections?take=101')).rejects.toThrow(/^400/);
  });

  it('pages logs from a log_id, oldest first, as a plain array', async () => {
    const newest = await get('/logs?per_page=3');
    const first = await get('/logs?take=3&from=0');
    expect(Array.isArray(first)).toBe(true);
    const next = await get(`/logs?take=3&from=${first[2].log_id}`);
    expect(next[0].log_id > first[2].log_id).toBe(true);
    expect(newest[0].log_id > newest[1].log_id).toBe(true);
  });
});

describe('user search (the Lucene subset people use)', () => {
  it.each([
    ['identities.connection:"google-oauth2"', (u: any) => u.identities[0].connection === 'google-oauth2'],
    ['email:*@acme.test', (u: any) => u.email.endsWith('@acme.test')],
    // What UserFilter.emailDomain compiles to: Auth0 indexes the domain, case-insensitively.
    ['email.domain:"ACME.test"', (u: any) => u.email.endsWith('@acme.test')],
    ['email:"ADA.LOVELACE' /* an unterminated quote is a 400, as Auth0 answers a query it cannot parse */, null],
    ['app_metadata.plan:enterprise AND NOT email_verified:true', (u: any) => u.app_metadata.plan === 'enterprise' && u.email_verified !== true],
    ['(given_name:Ada OR given_name:Grace) AND blocked:false', (u: any) => ['Ada', 'Grace'].includes(u.given_name) && u.blocked === false],
  ])('%s', async (query, predicate) => {
    if (!predicate) {
      await expect(get(q(query))).rejects.toThrow(/^400/);
      return;
    }
    const users = await get(q(query));
    expect(users.length).toBeGreaterThan(0);
    expect(users.every(predicate)).toBe(true);
  });

  it('finds exact user ids in one OR group, untokenised, with quotes escaped', async () => {
    const some = (await get('/users?per_page=3')).map((u: any) => u.user_id);
    const terms = [...some.map((id: string) => `"${id}"`), '"auth0|x\\" OR email:\\"*"'];
    const found = await get(q(`user_id:(${terms.join(' OR ')})`));
    expect(found.map((u: any) => u.user_id).sort()).toEqual([...some].sort());
    expect(await get(q('user_id:auth0'))).toEqual([]);
  });

  it('matches normalised fields case-insensitively and metadata exactly', async () => {
    const [user] = await get('/users?per_page=1');
    expect((await get(q(`email:"${user.email.toUpperCase()}"`))).map((u: any) => u.user_id)).toContain(user.user_id);
    expect(await get(q(`app_metadata.plan:"${user.app_metadata.plan.toUpperCase()}"`))).toEqual([]);
  });

  it('sorts and projects fields', async () => {
    const users = await get('/users?per_page=5&sort=logins_count:-1&fields=user_id,logins_count');
    expect(Object.keys(users[0]).sort()).toEqual(['logins_count', 'user_id']);
    const counts = users.map((u: any) => u.logins_count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await expect(get('/users?fields=user_id,password')).rejects.toThrow(/^400/);
  });
});
