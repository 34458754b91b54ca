/**
 * Command line: `start` (serve the gateway), `generate` (spec → SDL + metadata),
 * `schema-report` (what the generator made of the spec).
 */
import { createServer } from 'node:http';
import { buildReport, formatReport } from './schema/report.js';
import { generate, writeGenerated } from './schema/generate.js';
import { GENERATED_DIR, SPEC_FILE } from './paths.js';
import { createApp } from './server/app.js';

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'generate': {
      const started = performance.now();
      const result = generate(SPEC_FILE);
      const files = writeGenerated(result, GENERATED_DIR);
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
      const app = createApp();
      const server = createServer(app);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      console.log(`GraphiQL: http://127.0.0.1:${actualPort}/graphql`);
      const stop = (): void => {
        server.close(() => process.exit(0));
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
