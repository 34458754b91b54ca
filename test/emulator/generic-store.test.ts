import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageMarkdown } from '../../src/emulator/coverage.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { specIndex } from '../../src/emulator/spec-index.js';
import { COVERAGE_FILE } from '../../src/paths.js';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator();
  token = await emulator.issueToken([...new Set(specIndex().routes.flatMap((r) => r.scopes))]);
});

afterAll(async () => {
  await emulator.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/api/v2${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) as any : undefined };
}

describe('the generic spec-driven store', () => {
  it('keeps a singleton: what was written is read back, merged on PATCH', async () => {
    expect((await call('PATCH', '/tenants/settings', { friendly_name: 'Emulated Inc' })).status).toBe(200);
    await call('PATCH', '/tenants/settings', { support_email: 'help@acme.test' });
    expect((await call('GET', '/tenants/settings')).body).toEqual({ friendly_name: 'Emulated Inc', support_email: 'help@acme.test' });
  });

  it('keeps a collection: create, list, read, update, delete', async () => {
    const created = await call('POST', '/rules', { name: 'add-claims', script: 'function (user, context, cb) { cb(null, user, context); }' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('GET', '/rules')).body.map((r: { id: string }) => r.id)).toContain(id);
    expect((await call('PATCH', `/rules/${id}`, { enabled: false })).body).toMatchObject({ id, name: 'add-claims', enabled: false });
    expect((await call('DELETE', `/rules/${id}`)).status).toBe(204);
    expect((await call('GET', `/rules/${id}`)).status).toBe(404);
  });

  it('validates bodies against the spec', async () => {
    const bad = await call('POST', '/rules', { name: 'x', script: 'y', nonsense: true });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Additional properties not allowed: nonsense/);
  });

  it('answers 501 with a clear message for what it does not model', async () => {
    const { status, body } = await call('POST', '/keys/signing/rotate');
    expect(status).toBe(501);
    expect(body).toMatchObject({ statusCode: 501, error: 'Not Implemented' });
    expect(body.message).toContain('does not invent results');
  });

  it('the coverage document is current and accounts for all 452 operations', () => {
    const markdown = coverageMarkdown();
    expect(markdown === readFileSync(COVERAGE_FILE, 'utf8'), 'docs/emulator-coverage.md is stale: run `npm run generate`').toBe(true);
    const [, hand, generic, unsupported] = /(\d+) hand-modelled, (\d+) served by the generic store, (\d+) answered 501/.exec(markdown)!.map(Number);
    expect(hand! + generic! + unsupported!).toBe(452);
  });
});
