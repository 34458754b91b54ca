/**
 * Command line: `start` (serve the gateway), `generate` (spec → SDL + metadata),
 * `schema-report` (what the generator made of the spec), `spec-update` (what a new spec would change).
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { COVERAGE_FILE, GENERATED_DIR, README_FILE, SCOPES_FILE, SPEC_FILE } from './paths.js';
import { type EmulatorThread, startEmulatorThread } from './emulator/in-thread.js';
import type { Gateway } from './server/gateway.js';
import type { GatewayConfig } from './server/config.js';

// Each command loads only what it uses: `start` never loads the generator.

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'generate': {
      const { generate, writeGenerated } = await import('./schema/generate.js');
      const { buildReport } = await import('./schema/report.js');
      const { coverageMarkdown } = await import('./emulator/coverage.js');
      const started = performance.now();
      const result = generate(SPEC_FILE);
      const files = writeGenerated(result, GENERATED_DIR);
      mkdirSync(dirname(COVERAGE_FILE), { recursive: true });
      writeFileSync(COVERAGE_FILE, coverageMarkdown());
      files.push(COVERAGE_FILE);
      const { readmeWithNarrowing, scopesMarkdown } = await import('./scopes/docs.js');
      writeFileSync(SCOPES_FILE, scopesMarkdown(result.metadata));
      writeFileSync(README_FILE, readmeWithNarrowing(readFileSync(README_FILE, 'utf8'), result.metadata));
      files.push(SCOPES_FILE, README_FILE);
      const report = buildReport(result);
      console.log(`Generated ${files.length} files from ${report.operations.total} operations in ${Math.round(performance.now() - started)} ms`);
      return;
    }
    case 'schema-report': {
      const { generate } = await import('./schema/generate.js');
      const { buildReport, formatReport } = await import('./schema/report.js');
      process.stdout.write(formatReport(buildReport(generate(SPEC_FILE))));
      return;
    }
    case 'spec-update': {
      // Compares a supplied spec with the vendored one; `--write` then puts it in place and regenerates.
      const file = process.argv[3];
      if (!file || file.startsWith('--')) throw new Error('Usage: npm run spec:update -- <new spec file> [--write]');
      const { diffSpecs, formatSpecDiff } = await import('./schema/spec-diff.js');
      const diff = diffSpecs(SPEC_FILE, file);
      process.stdout.write(formatSpecDiff(diff));
      if (process.argv.includes('--write')) {
        writeFileSync(SPEC_FILE, readFileSync(file));
        console.log(`\nWrote ${SPEC_FILE}; now run npm run generate and review the generated diff.`);
      } else {
        console.log('\nNothing changed. Run again with --write to vendor this spec.');
      }
      if (diff.breaking.length > 0) process.exitCode = 3;
      return;
    }
    case 'start': {
      const { loadConfig } = await import('./server/config.js');
      const config = loadConfig();
      // Without a tenant, the emulator starts first, in its own thread on the other core, so that
      // it is up by the time the gateway has loaded its modules and built its schema.
      const embedded = config.upstream.domain ? undefined
        : startEmulatorThread({ port: config.emulatorPort, ...(config.emulatorDomain ? { domain: config.emulatorDomain } : {}) });
      embedded?.catch(() => {});
      // pino is CommonJS: its module object is the default export, from the sources and the bundle alike.
      const pino = (await import('pino')).default;
      const logger = pino({ level: config.logLevel, redact: { paths: ['*.authorization', '*.token', '*.clientSecret', '*.client_secret'], censor: '[redacted]' } });
      const { gateway, describe, afterwards, stopUpstream } = await upstreamFor(config, logger, embedded);
      const metricsServer = config.metrics.enabled && config.metrics.port !== undefined
        ? await import('./server/metrics-server.js').then(({ startMetricsServer }) => startMetricsServer(gateway.metrics, config.metrics.port!))
        : undefined;
      // Bodies must declare their length, which the body-size limit checks before reading: Node's
      // parser holds a request to its Content-Length, so chunked bodies of unknown size are refused.
      const server = createServer((req, res) => {
        if (req.method === 'POST' && req.headers['content-length'] === undefined) {
          res.writeHead(411, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Content-Length required', extensions: { code: 'LENGTH_REQUIRED' } }] }));
          return;
        }
        void gateway.app(req, res);
      });
      server.requestTimeout = config.limits.requestTimeoutMs + 5_000;
      await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : config.port;
      console.log(describe);
      console.log(`GraphiQL: http://127.0.0.1:${actualPort}/graphql`);
      if (metricsServer) console.log(`Metrics: ${metricsServer.url}`);
      // What can be said only once the upstream is ready (the emulator's demo users); an upstream
      // that fails to become ready stops the gateway.
      afterwards?.then((text) => console.log(text), (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      });
      // Graceful shutdown: stop accepting, let in-flight requests finish, then release the upstream.
      const stop = (signal: string): void => {
        logger.info({ signal }, 'shutting down');
        server.close(() => {
          void gateway.close().then(stopUpstream).then(() => metricsServer?.close()).then(() => process.exit(0));
        });
        server.closeIdleConnections();
        setTimeout(() => process.exit(1), config.limits.requestTimeoutMs + 10_000).unref();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      return;
    }
    default:
      console.error('Usage: tsx src/cli.ts <start|generate|schema-report|spec-update>');
      process.exitCode = 2;
  }
}

/**
 * With AUTH0_DOMAIN, the gateway fronts that tenant, and callers must authenticate (JWT or API
 * key): it refuses to start open. Without it, the embedded emulator starts and the demo runs
 * open on loopback, which it says loudly.
 */
async function upstreamFor(config: GatewayConfig, logger: Logger, embedded: Promise<EmulatorThread> | undefined): Promise<{ gateway: Gateway; describe: string; afterwards?: Promise<string>; stopUpstream: () => Promise<void> }> {
  const { buildGatewaySchema, createGateway } = await import('./server/gateway.js');
  const { createAuthenticator } = await import('./server/caller-auth.js');
  const persisted = config.persistedOperations
    ? { operations: JSON.parse(readFileSync(config.persistedOperations.file, 'utf8')) as Record<string, string>, allowArbitrary: config.persistedOperations.allowArbitrary }
    : undefined;
  const common = {
    ...(persisted ? { persistedOperations: persisted } : {}),
    debug: config.debug, logger, limits: config.limits, introspection: config.introspection, corsOrigins: config.corsOrigins,
    graphiql: config.graphiql,
    // Metrics on their own listener (or off) are not served on the callers' port.
    metricsEndpoint: config.metrics.enabled && config.metrics.port === undefined,
    federation: config.federation,
    cache: { ttlSeconds: config.cacheTtlSeconds },
    users: config.users,
    ...(config.tenantRate !== undefined ? { tenantRate: config.tenantRate } : {}),
    ...(config.redis ? { redis: { url: config.redis.url, keyPrefix: config.redis.keyPrefix } } : {}),
    policy: { readOnly: config.readOnly, ...(config.allowOperations ? { allow: config.allowOperations } : {}), ...(config.denyOperations ? { deny: config.denyOperations } : {}) },
  };
  const u = config.upstream;
  const callerAuthConfigured = Boolean(config.auth.jwt) || config.auth.apiKeys.length > 0;
  if (u.domain) {
    if (!callerAuthConfigured) {
      throw new Error('Refusing to serve a real tenant without caller authentication: set GATEWAY_JWKS_URL (+ GATEWAY_JWT_ISSUER, GATEWAY_JWT_AUDIENCE) or API keys in GATEWAY_CONFIG.');
    }
    const baseUrl = u.domain.startsWith('http') ? u.domain : `https://${u.domain}`;
    const auth = u.forwardCallerToken ? { mode: 'forward' as const }
      : u.token ? { mode: 'static' as const, token: u.token }
        : { mode: 'client-credentials' as const, clientId: u.clientId!, clientSecret: u.clientSecret!, ...(u.audience ? { audience: u.audience } : {}) };
    const gateway = createGateway({ ...common, upstream: { baseUrl, auth }, authenticate: createAuthenticator(config.auth, { open: false }) });
    prefetchToken(gateway, logger);
    return { gateway, describe: `Upstream: ${baseUrl}`, stopUpstream: async () => {} };
  }
  const built = buildGatewaySchema(common);
  // Resolves once the emulator's port is bound; its tenant may still be being made (`ready`).
  const emulator = await embedded!;
  const gateway = createGateway({
    ...common, built,
    upstream: { baseUrl: emulator.url, auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret, audience: emulator.audience } },
    // Auth0 issues tokens, the gateway verifies them: here the emulator plays Auth0's
    // Authentication API for its demo users, so their bearer tokens are verified against its JWKS
    // (the caller is that user, with the token's scopes); requests with no token stay open.
    authenticate: callerAuthConfigured ? createAuthenticator(config.auth, { open: true })
      : createAuthenticator({ apiKeys: [], jwt: { jwksUrl: `${emulator.url}/.well-known/jwks.json`, issuer: emulator.issuer, audience: emulator.audience } }, { open: true, openWithoutCredentials: true }),
  });
  prefetchToken(gateway, logger);
  const banner = callerAuthConfigured ? '' : [
    '',
    '  ************************************************************************',
    '  *  OPEN ACCESS: no caller authentication is configured.                 *',
    '  *  Anyone who can reach this port may do anything the emulator allows. *',
    '  *  This is for the local emulator demo only; a real tenant requires    *',
    '  *  GATEWAY_JWKS_URL or API keys.                                       *',
    '  ************************************************************************',
    '',
  ].join('\n');
  // The gateway listens while the emulator still makes its tenant: a query sent meanwhile waits
  // for it there, and how to sign in is told once the demo users exist.
  const afterwards = emulator.ready.then(({ demoUsers }) => (callerAuthConfigured ? 'The demo tenant is ready.' : [
    `Sign in as a demo user (${demoUsers.map((u) => u.email).join(', ')}; password in README):`,
    `  curl -s ${emulator.url}/oauth/token -d grant_type=password -d client_id=emulator-demo-sign-in -d username=${demoUsers[0]?.email ?? ''} -d password=… -d scope='openid read:current_user offline_access'`,
    'then send Authorization: Bearer <access_token> and ask { me { email } }.',
  ].join('\n')));
  afterwards.catch(() => {}); // handled where it is printed
  return {
    gateway,
    describe: `No AUTH0_DOMAIN: serving the embedded Auth0 emulator's demo tenant (${emulator.url}/api/v2).${banner}`,
    afterwards,
    stopUpstream: () => emulator.close(),
  };
}

/**
 * The gateway's own token is asked for at once, while the server starts to listen: the first
 * query does not wait for it, and credentials the tenant refuses show in the log at start-up,
 * not with the first caller. The messages are the gateway's own and never carry the secret.
 */
function prefetchToken(gateway: Gateway, logger: Logger): void {
  gateway.upstream.prefetchToken().catch((error: unknown) => {
    const { message, code } = error as { message?: string; code?: string };
    logger.warn({ code }, `No Management API token at start-up (${message ?? 'unknown error'}); each call will ask again.`);
  });
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
