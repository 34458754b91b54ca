/**
 * Command line: `start` (serve the gateway), `generate` (spec → SDL + metadata),
 * `schema-report` (what the generator made of the spec).
 */
import { createServer } from 'node:http';
import { buildReport, formatReport } from './schema/report.js';
import { generate, writeGenerated } from './schema/generate.js';
import { COVERAGE_FILE, GENERATED_DIR, SPEC_FILE } from './paths.js';
import { coverageMarkdown } from './emulator/coverage.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createGateway, type Gateway } from './server/gateway.js';
import { startEmulator } from './emulator/index.js';

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'generate': {
      const started = performance.now();
      const result = generate(SPEC_FILE);
      const files = writeGenerated(result, GENERATED_DIR);
      mkdirSync(dirname(COVERAGE_FILE), { recursive: true });
      writeFileSync(COVERAGE_FILE, coverageMarkdown());
      files.push(COVERAGE_FILE);
      const report = buildReport(result);
      console.log(`Generated ${files.length} files from ${report.operations.total} operations in ${Math.round(performance.now() - started)} ms`);
      return;
    }
    case 'schema-report': {
      process.stdout.write(formatReport(buildReport(generate(SPEC_FILE))));
      return;
    }
    case 'start': {
      const port = parsePort(process.env.PORT, 4000);
      const { gateway, describe, stopUpstream } = await upstreamFromEnv();
      const server = createServer(gateway.app);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      console.log(describe);
      console.log(`GraphiQL: http://127.0.0.1:${actualPort}/graphql`);
      const stop = (): void => {
        server.close(() => {
          void gateway.close().then(stopUpstream).then(() => process.exit(0));
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    default:
      console.error('Usage: tsx src/cli.ts <start|generate|schema-report>');
      process.exitCode = 2;
  }
}

/**
 * AUTH0_DOMAIN names a tenant (with AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET, or AUTH0_TOKEN); without
 * it, the embedded emulator starts on EMULATOR_PORT (default 4001) and the gateway uses its demo
 * client.
 */
async function upstreamFromEnv(): Promise<{ gateway: Gateway; describe: string; stopUpstream: () => Promise<void> }> {
  const debug = process.env.GATEWAY_DEBUG === 'true';
  const domain = process.env.AUTH0_DOMAIN;
  if (domain) {
    const baseUrl = domain.startsWith('http') ? domain : `https://${domain}`;
    const token = process.env.AUTH0_TOKEN;
    if (process.env.AUTH0_FORWARD_CALLER_TOKEN === 'true') {
      return { gateway: createGateway({ upstream: { baseUrl, auth: { mode: 'forward' } }, debug }), describe: `Upstream: ${baseUrl} (callers' own tokens)`, stopUpstream: async () => {} };
    }
    const clientId = process.env.AUTH0_CLIENT_ID;
    const clientSecret = process.env.AUTH0_CLIENT_SECRET;
    if (!token && (!clientId || !clientSecret)) throw new Error('AUTH0_DOMAIN needs AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or AUTH0_TOKEN');
    const auth = token ? { mode: 'static' as const, token }
      : { mode: 'client-credentials' as const, clientId: clientId!, clientSecret: clientSecret!, ...(process.env.AUTH0_AUDIENCE ? { audience: process.env.AUTH0_AUDIENCE } : {}) };
    return { gateway: createGateway({ upstream: { baseUrl, auth }, debug }), describe: `Upstream: ${baseUrl}`, stopUpstream: async () => {} };
  }
  const emulator = await startEmulator({ port: parsePort(process.env.EMULATOR_PORT, 4001) });
  const gateway = createGateway({
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret } },
    debug,
  });
  return {
    gateway,
    describe: `No AUTH0_DOMAIN: serving the embedded Auth0 emulator's demo tenant (${emulator.url}/api/v2).`,
    stopUpstream: () => emulator.close(),
  };
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, got ${JSON.stringify(value)}`);
  return port;
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
