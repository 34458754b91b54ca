import { describe, expect, it } from 'vitest';
import { decideAccess } from '../../src/scopes/access.js';
import { NARROWING_RULES } from '../../src/scopes/narrowing.js';
import { loadGenerated } from '../../src/schema/load.js';

const { metadata } = loadGenerated();
const byId = new Map(Object.values(metadata.operations).map((o) => [o.operationId, o]));

describe('the narrowing table', () => {
  it('names only operations that exist and list the scope it narrows', () => {
    const wrong: string[] = [];
    for (const rule of NARROWING_RULES) {
      for (const operationId of Object.keys(rule.operations)) {
        const op = byId.get(operationId);
        if (!op) wrong.push(`${rule.scope}: no operation ${operationId}`);
        else if (!op.scopes.includes(rule.scope)) wrong.push(`${rule.scope}: ${operationId} lists ${op.scopes.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('deciding one call', () => {
  const patch = { operationId: 'patch_users_by_id', listed: ['update:users', 'update:users_app_metadata', 'update:current_user_metadata'], path: { id: 'auth0|me' }, ownToken: false };

  it('a full scope allows the whole operation', () => {
    expect(decideAccess(new Set(['update:users']), { ...patch, body: { email: 'x@y.z' } })).toMatchObject({ allowed: true, limited: false });
  });

  it('allows when one of several narrowing scopes allows, and says why each refused otherwise', () => {
    const held = new Set(['update:users_app_metadata', 'update:current_user_metadata']);
    expect(decideAccess(held, { ...patch, subject: 'auth0|me', body: { user_metadata: {} } }).allowed).toBe(true);
    const refused = decideAccess(held, { ...patch, subject: 'auth0|me', body: { user_metadata: {}, app_metadata: {} } });
    expect(refused).toEqual({ allowed: false, message: 'update:users_app_metadata may change only app_metadata, not user_metadata; update:current_user_metadata may change only user_metadata, not app_metadata' });
  });

  it('fails closed: no subject, unknown reads', () => {
    expect(decideAccess(new Set(['update:current_user_metadata']), { ...patch, body: { user_metadata: {} } }).allowed).toBe(false);
    expect(decideAccess(new Set(['read:client_summary']), { operationId: 'get_clients', listed: ['read:clients', 'read:client_summary'], ownToken: false, reads: 'unknown' }).allowed).toBe(false);
  });

  it('reports what a narrowed reader may read, for the emulator to cut answers down', () => {
    const decision = decideAccess(new Set(['read:client_summary']), { operationId: 'get_clients', listed: ['read:clients', 'read:client_summary'], ownToken: true });
    expect(decision.allowed && decision.limited).toBe(true);
    if (decision.allowed) expect(['client_id', 'name', 'client_secret', 'callbacks'].filter(decision.canRead)).toEqual(['client_id', 'name']);
  });
});
