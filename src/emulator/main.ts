/** `npm run emulator`: the emulator alone, for pointing any Auth0 client at it. */
import { startEmulator } from './index.js';

const raw = process.env.EMULATOR_PORT ?? '4001';
const port = Number(raw);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`EMULATOR_PORT must be an integer 0–65535, got ${JSON.stringify(raw)}`);
  process.exit(2);
}
const domain = process.env.EMULATOR_DOMAIN || undefined;
const emulator = await startEmulator({ port, ...(domain ? { domain } : {}) });
console.log(`Auth0 Management API emulator on ${emulator.url}
  Management API: ${emulator.url}/api/v2    token: POST ${emulator.url}/oauth/token
  audience:       ${emulator.audience}
  demo client:    client_id=${emulator.demoClient.clientId} client_secret=${emulator.demoClient.clientSecret}
  control:        ${emulator.url}/_emulator/stats (loopback only)`);
const stop = () => { void emulator.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
