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
  demoClient: { clientId: string; clientSecret: string };
  /**
   * Settles once the tenant is made, with the users who sign in with the demo password
   * (POST /oauth/token, grant_type=password). Requests sent before are answered then.
   */
  ready: Promise<{ demoUsers: Array<{ userId: string; email: string }> }>;
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

type Message =
  | { type: 'listening'; url: string; audience: string; issuer: string; demoClient: EmulatorThread['demoClient'] }
  | { type: 'ready'; demoUsers: Array<{ userId: string; email: string }> };

/** Resolves as soon as the emulator's port is bound; `ready` tells when its tenant is made. */
export async function startEmulatorThread(options: { port?: number; domain?: string } = {}): Promise<EmulatorThread> {
  const worker = startWorker({ port: options.port ?? 0, ...(options.domain ? { domain: options.domain } : {}) });
  const bound = settleable<Extract<Message, { type: 'listening' }>>();
  const made = settleable<Extract<Message, { type: 'ready' }>>();
  made.promise.catch(() => {});
  // A failure before `listening` fails the start; after it, `ready` (rejecting a settled promise does nothing).
  const fail = (error: Error) => { bound.reject(error); made.reject(error); };
  worker.on('message', (message: Message) => (message.type === 'listening' ? bound.resolve(message) : made.resolve(message)));
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`the emulator thread exited with ${code} before it was ready`)));
  const at = await bound.promise;
  return {
    url: at.url, audience: at.audience, issuer: at.issuer, demoClient: at.demoClient,
    ready: made.promise.then(({ demoUsers }) => ({ demoUsers })),
    close: () => new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    }),
  };
}

/** A promise with its settling functions (Promise.withResolvers, which Node 20 lacks). */
function settleable<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
