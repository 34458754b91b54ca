/**
 * The embedded emulator in a worker thread, as `npm start` runs it: the demo tenant starts on the
 * second core while the gateway builds its schema, and the tenant never shares the gateway's
 * event loop. Speaks to its host (./in-thread.ts) with three messages: `listening` (its address,
 * as soon as the port is bound), `ready` (the tenant is made) and `close`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startEmulator } from './index.js';

const port = parentPort;
if (!port) throw new Error('src/emulator/thread.ts runs only as a worker thread');
const { port: listen, domain } = workerData as { port: number; domain?: string };
const emulator = await startEmulator({
  port: listen,
  ...(domain ? { domain } : {}),
  onListening: (at) => port.postMessage({ type: 'listening', ...at, demoClient: { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET } }),
});
port.on('message', (message: unknown) => {
  if (message === 'close') void emulator.close().then(() => port.close());
});
port.postMessage({ type: 'ready', demoUsers: emulator.demoUsers() });
