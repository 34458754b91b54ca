/** Starts the embedded emulator in its own worker thread (./thread.ts) and stops it. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';

export interface EmulatorThread {
  url: string;
  audience: string;
  /** Issuer of its tokens; their keys at `${url}/.well-known/jwks.json`. */
  issuer: string;
  /** Users who sign in with the demo password (POST /oauth/token, grant_type=password). */
  demoUsers: Array<{ userId: string; email: string }>;
  demoClient: { clientId: string; clientSecret: string };
  close(): Promise<void>;
}

/**
 * The bundled entry under dist/; run from the sources (`npm run dev`, the tests), the worker
 * registers tsx itself first, as a worker does not inherit the loader hooks of its parent.
 */
function startWorker(workerData: { port: number; domain?: string }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(pathToFileURL(join(ROOT, 'dist', 'emulator-thread.js')), { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const source = JSON.stringify(new URL('./thread.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${source}); })`, { eval: true, workerData });
}

export async function startEmulatorThread(options: { port?: number; domain?: string } = {}): Promise<EmulatorThread> {
  const worker = startWorker({ port: options.port ?? 0, ...(options.domain ? { domain: options.domain } : {}) });
  const ready = await new Promise<Omit<EmulatorThread, 'close'>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the emulator thread exited with ${code} before it was ready`)));
  });
  return {
    ...ready,
    close: () => new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    }),
  };
}
