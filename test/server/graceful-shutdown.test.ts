import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';

// `npm start`'s process, for real: a request in flight when SIGTERM arrives still gets its answer.
describe('the server process', () => {
  it('limits bodies, finishes the request in flight on SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start'], {
      env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/GraphiQL: (\S+)/);
      const url = /GraphiQL: (\S+)/.exec(out)![1]!;
      const emulator = /\((http:\/\/127\.0\.0\.1:\d+)\/api\/v2\)/.exec(out)![1]!;
      // A body of undeclared length is refused; a declared one over the limit too.
      const raw = (headers: Record<string, string>, body: string) => new Promise<number>((resolve, reject) => {
        const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
        req.on('error', reject);
        req.end(body);
      });
      expect(await raw({ 'transfer-encoding': 'chunked' }, '{"query":"{ __typename }"}')).toBe(411);
      expect(await raw({ 'content-length': '2000000' }, '')).toBe(413);

      // Slow the upstream down so the request is still running when the signal comes.
      await fetch(`${emulator}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 800 }) });
      await fetch(`${emulator}/_emulator/stats/reset`, { method: 'POST' });
      const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ roles(first: 1) { nodes { name } } }' }) });
      // SIGTERM once the request is in flight: its upstream call has reached the emulator.
      for (let i = 0; i < 500; i++) {
        const requests = await (await fetch(`${emulator}/_emulator/requests`)).json() as Array<{ operationId?: string }>;
        if (requests.some((r) => r.operationId === 'get_roles')) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { roles: { nodes: unknown[] } } }).data.roles.nodes).toHaveLength(1);
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);
});
