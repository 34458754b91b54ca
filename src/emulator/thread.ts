/**
 * The embedded emulator in a worker thread, as `npm start` runs it: the demo tenant starts on the
 * second core while the gateway builds its schema, and the tenant never shares the gateway's
 * event loop. Speaks to its host (./in-thread.ts) with two messages: `ready` and `close`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator } from './index.js';

const port = parentPort;
if (!port) throw new Error('src/emulator/thread.ts runs only as a worker thread');
const { port: listen, domain } = workerData as { port: number; domain?: string };
const emulator = await startEmulator({ port: listen, ...(domain ? { domain } : {}) });
port.on('message', (message: unknown) => {
  if (message === 'close') void emulator.close().then(() => port.close());
});
port.postMessage({ type: 'ready', url: emulator.url, audience: emulator.audience, issuer: emulator.issuer, demoUsers: emulator.demoUsers(), demoClient: emulator.demoClient });
