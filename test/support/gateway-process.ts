/**
 * A gateway as its own process (`src/cli.ts start` through tsx, or the bundle in dist/), for the
 * tests that need a real process: settings read from the environment, signals, several replicas.
 * Resolves once it prints its GraphiQL address, with that URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.js';

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed on stdout so far. */
  output(): string;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
}

export async function startGatewayProcess(env: Record<string, string>, options: { bundle?: boolean } = {}): Promise<GatewayProcess> {
  const args = options.bundle ? [join(ROOT, 'dist', 'cli.js'), 'start'] : ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /GraphiQL: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`the gateway process exited with ${code} before it listened: ${out}`)));
  });
  return { child, url, output: () => out, exited };
}
