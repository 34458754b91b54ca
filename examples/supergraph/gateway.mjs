/**
 * The supergraph gateway: Hive Gateway's runtime (MIT) serving supergraph.graphql over node:http.
 *
 *   PORT=0 node gateway.mjs [supergraph.graphql]   → prints `supergraph: http://127.0.0.1:<port>/graphql`
 *
 * - Forwards the caller's `authorization` header to every subgraph and its `x-api-key` (the Auth0
 *   gateway's API key) only to the subgraphs named in API_KEY_SUBGRAPHS (default `auth0`), so the
 *   Auth0 subgraph authenticates the caller itself and billing never sees that key.
 * - With JWKS_URL set, verifies the caller's bearer JWT (RS256 against the JWKS; JWT_ISSUER and
 *   JWT_AUDIENCE checked when set) and enforces the supergraph's @requiresScopes from the token's
 *   `scope` claim (space-separated) and Auth0's RBAC `permissions` claim. A request with an
 *   invalid token is refused; one without a token runs anonymously (no scopes) unless
 *   JWT_REQUIRED=true. Without JWKS_URL it runs without auth: @requiresScopes is NOT enforced
 *   here (the subgraphs still check what they check).
 * - SIGTERM / SIGINT: stop listening, dispose the runtime, exit 0.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-mesh/plugin-jwt-auth';
import http from '@graphql-mesh/transport-http';

const supergraphFile = process.argv[2] ?? process.env.SUPERGRAPH ?? fileURLToPath(new URL('./supergraph.graphql', import.meta.url));
const supergraph = readFileSync(supergraphFile, 'utf8');
const API_KEY_SUBGRAPHS = new Set((process.env.API_KEY_SUBGRAPHS ?? 'auth0').split(',').map((name) => name.trim()).filter(Boolean));

const jwksUrl = process.env.JWKS_URL;
const jwtRequired = process.env.JWT_REQUIRED === 'true';

/** Scopes from an Auth0 access token: the `scope` claim plus RBAC's `permissions` claim. */
export function scopesOf(payload) {
  const scopes = new Set();
  if (typeof payload?.scope === 'string') for (const scope of payload.scope.split(' ')) if (scope) scopes.add(scope);
  if (Array.isArray(payload?.scope)) for (const scope of payload.scope) scopes.add(String(scope));
  if (Array.isArray(payload?.permissions)) for (const scope of payload.permissions) scopes.add(String(scope));
  return [...scopes];
}

const gateway = createGatewayRuntime({
  supergraph,
  transports: { http },
  logging: process.env.LOG_LEVEL ?? 'warn',
  graphiql: { title: 'Auth0 + billing supergraph' },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }) => {
      const headers = {};
      const authorization = request.headers.get('authorization');
      if (authorization) headers.authorization = authorization;
      const apiKey = request.headers.get('x-api-key');
      if (apiKey && API_KEY_SUBGRAPHS.has(subgraphName)) headers['x-api-key'] = apiKey;
      return headers;
    },
  },
  ...(jwksUrl
    ? {
        plugins: () => [
          useJWT({
            signingKeyProviders: [createRemoteJwksSigningKeyProvider({ jwksUri: jwksUrl, cache: true, timeout: 5000, rateLimit: true, jwksRequestsPerMinute: 10 })],
            tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
            tokenVerification: {
              algorithms: ['RS256'],
              ...(process.env.JWT_ISSUER ? { issuer: process.env.JWT_ISSUER } : {}),
              ...(process.env.JWT_AUDIENCE ? { audience: process.env.JWT_AUDIENCE } : {}),
            },
            reject: { missingToken: jwtRequired, invalidToken: true },
            // The subgraphs get the caller's own `authorization` header (above), not a copy of the payload.
            forward: { payload: false, token: false },
          }),
        ],
        genericAuth: {
          mode: 'protect-granular',
          resolveUserFn: (context) => context.jwt?.payload ?? null,
          extractScopes: scopesOf,
          // An anonymous caller may still read fields without @requiresScopes / @authenticated.
          rejectUnauthenticated: false,
        },
      }
    : {}),
});

const server = createServer(gateway);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(Number(process.env.PORT ?? 4000), '127.0.0.1', resolve);
});
console.log(`supergraph: http://127.0.0.1:${server.address().port}/graphql`);
if (!jwksUrl) console.error('gateway: JWKS_URL unset: running without auth, @requiresScopes is not enforced by the supergraph gateway');

// The runtime keeps timers and sockets open: without an explicit handler the process never exits.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 5000).unref();
  server.close();
  server.closeAllConnections();
  Promise.resolve(gateway[Symbol.asyncDispose]?.() ?? gateway.dispose?.())
    .catch((error) => console.error('gateway: dispose failed', error))
    .finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
