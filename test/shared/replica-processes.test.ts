import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { ROOT } from '../../src/paths.js';
import { REDIS_AVAILABLE, type RedisServer, startRedis } from '../support/redis-server.js';

// Two gateway processes (as two replicas are deployed) on one tenant, sharing state through a real
// redis-server; what reaches the tenant is counted at the emulator.
const KEY = 'replica-test-key';
let redis: RedisServer;
let emulator: Emulator;
const replicas: Array<{ child: ChildProcess; url: string }> = [];

async function startReplica(config: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: '0', LOG_LEVEL: 'silent', GATEWAY_CONFIG: config, REDIS_URL: redis.url, GATEWAY_REDIS_PREFIX: 'processes:',
      AUTH0_DOMAIN: emulator.url, AUTH0_CLIENT_ID: emulator.demoClient.clientId, AUTH0_CLIENT_SECRET: emulator.demoClient.clientSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /GraphiQL: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
  });
  return { child, url };
}

async function query(url: string, text: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify({ query: text, variables }) });
  return response.json() as Promise<{ data?: any; errors?: Array<{ message: string }> }>;
}

describe.skipIf(!REDIS_AVAILABLE)('two gateway processes sharing state in Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    const config = join(mkdtempSync(join(tmpdir(), 'replicas-')), 'gateway.json');
    writeFileSync(config, JSON.stringify({ auth: { apiKeys: [{ id: 'test', sha256: createHash('sha256').update(KEY).digest('hex'), scopes: ['read:users', 'update:users', 'read:roles'] }] } }));
    replicas.push(await startReplica(config), await startReplica(config));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map(({ child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })));
    await emulator?.close();
    await redis?.stop();
  });

  it('50 concurrent requests over both cold replicas: exactly one token request to the tenant', async () => {
    emulator.resetStats();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => query(replicas[i % 2]!.url, '{ roles(first: 1) { nodes { name } } }')));
    expect(answers.every((r) => r.errors === undefined && r.data)).toBe(true);
    expect(emulator.tokenRequests()).toBe(1);
  });

  it('updateUser through one replica; the next read through the other shows the change', async () => {
    const [a, b] = replicas.map((r) => r.url) as [string, string];
    const { data } = await query(a, '{ users(first: 1) { nodes { userId } } }');
    const id = data.users.nodes[0].userId as string;
    await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id });
    const nickname = `process-${Date.now()}`;
    expect((await query(a, 'mutation ($id: ID!, $n: String) { updateUser(id: $id, input: { nickname: $n }) { nickname } }', { id, n: nickname })).errors).toBeUndefined();
    expect((await query(b, 'query ($id: ID!) { user(id: $id) { nickname } }', { id })).data.user.nickname).toBe(nickname);
  });
});
