import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/server/gateway.js';

let emulator: Emulator;
let gateway: Gateway;

beforeAll(async () => {
  emulator = await startEmulator();
  gateway = createGateway({ upstream: { baseUrl: emulator.url, auth: { mode: 'forward' } } });
});

afterAll(async () => {
  await gateway.close();
  await emulator.close();
});

async function query(authorization?: string) {
  const response = await gateway.app.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: '{ roles(first: 1) { nodes { name } } }' }),
  });
  return response.json() as Promise<{ data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> }>;
}

describe('forwarding the caller\'s token', () => {
  it('uses the caller\'s token, with its scopes', async () => {
    const reader = await emulator.issueToken(['read:roles']);
    expect((await query(`Bearer ${reader}`)).data!.roles.nodes).toHaveLength(1);
    const other = await emulator.issueToken(['read:users']);
    emulator.resetStats();
    // The forwarded token's own scopes are known: what Auth0 would refuse is refused before the call.
    expect((await query(`Bearer ${other}`)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: ['read:roles'] });
    expect(emulator.stats().total).toBe(0);
  });

  it('Auth0 still decides: a token it refuses is refused, whatever it claims', async () => {
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"scope":"read:roles"}').toString('base64url')}.x`;
    expect((await query(`Bearer ${forged}`)).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', statusCode: 401 });
  });

  it('refuses a caller without a token before any upstream call', async () => {
    emulator.resetStats();
    expect((await query()).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(emulator.stats().total).toBe(0);
  });
});
