import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { ROOT } from '../../src/paths.js';

describe('users.* settings', () => {
  it('come from the environment', () => {
    expect(loadConfig({}).users).toEqual({});
    expect(loadConfig({ GATEWAY_DEFAULT_CONNECTION: 'db', GATEWAY_ALLOWED_CONNECTIONS: 'db, acme-saml' }).users)
      .toEqual({ defaultConnection: 'db', allowedConnections: ['db', 'acme-saml'] });
  });

  it('come from the config file, the environment winning key by key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-users-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ users: { defaultConnection: 'db', allowedConnections: ['db', 'other'] } }));
    expect(loadConfig({ GATEWAY_CONFIG: file }).users).toEqual({ defaultConnection: 'db', allowedConnections: ['db', 'other'] });
    expect(loadConfig({ GATEWAY_CONFIG: file, GATEWAY_DEFAULT_CONNECTION: 'other' }).users).toEqual({ defaultConnection: 'other', allowedConnections: ['db', 'other'] });
  });

  it('refuse a default outside the allowed list, and unknown keys', () => {
    expect(() => loadConfig({ GATEWAY_DEFAULT_CONNECTION: 'google-oauth2', GATEWAY_ALLOWED_CONNECTIONS: 'db' }))
      .toThrow(/GATEWAY_DEFAULT_CONNECTION \(users.defaultConnection\) "google-oauth2" is not in GATEWAY_ALLOWED_CONNECTIONS/);
    const dir = mkdtempSync(join(tmpdir(), 'gw-users-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ users: { defaultConection: 'db' } }));
    expect(() => loadConfig({ GATEWAY_CONFIG: file })).toThrow(/\/users must NOT have additional properties: defaultConection/);
  });
});

describe('per-environment config files (examples/environments)', () => {
  const dir = join(ROOT, 'examples', 'environments');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('every environment file is valid, with the secret from the environment', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const config = loadConfig({ GATEWAY_CONFIG: join(dir, file), AUTH0_CLIENT_SECRET: 'from-the-secret-store' });
      expect(config.upstream.domain, file).toBeTruthy();
      expect(config.users.defaultConnection, file).toBeTruthy();
    }
  });

  it('every environment file has the same keys', () => {
    const keys = (value: unknown, prefix = ''): string[] => (value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keys(v, `${prefix}${k}.`)])
      : []);
    const shapes = files.map((file) => keys(JSON.parse(readFileSync(join(dir, file), 'utf8'))).sort());
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
  });
});
