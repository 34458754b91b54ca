/**
 * Who is calling (DESIGN 9): a JWT verified against a JWKS (jose) with issuer and audience, or an
 * API key (`x-api-key`, compared by SHA-256 in constant time). The caller's scopes come from the
 * token's `scope` claim (or Auth0's `permissions`) or the key's configuration. Open access exists
 * only for the local emulator demo. A refused caller gets 401 before anything runs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ApiKeyConfig, GatewayConfig } from './config.js';

export interface Caller {
  /** For logs: the token subject or the key's id; never a secret. */
  id: string;
  kind: 'jwt' | 'api-key' | 'open';
  scopes: Set<string> | 'all';
  /** The caller's own user id (a JWT's `sub`), for the scopes that act on the own user only; API keys have none. */
  subject?: string;
  /** The bearer token, kept only to forward it upstream when so configured. */
  token?: string;
}

export type Authenticate = (request: Request) => Promise<Caller>;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  });
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function createAuthenticator(auth: GatewayConfig['auth'], options: { open: boolean }): Authenticate {
  const jwks = auth.jwt ? createRemoteJWKSet(new URL(auth.jwt.jwksUrl)) : undefined;
  const keys = auth.apiKeys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
  const anyConfigured = Boolean(jwks) || keys.length > 0;

  return async (request) => {
    const apiKey = request.headers.get('x-api-key');
    if (apiKey !== null && keys.length > 0) return byApiKey(apiKey, keys);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (bearer && jwks && auth.jwt) {
      try {
        const { payload } = await jwtVerify(bearer, jwks, { issuer: auth.jwt.issuer, audience: auth.jwt.audience });
        const scopes = new Set([
          ...String(payload.scope ?? '').split(' ').filter(Boolean),
          ...(Array.isArray(payload.permissions) ? payload.permissions.map(String) : []),
        ]);
        return { id: String(payload.sub ?? 'unknown'), kind: 'jwt', scopes, token: bearer, ...(typeof payload.sub === 'string' && payload.sub !== '' ? { subject: payload.sub } : {}) };
      } catch (error) {
        throw unauthenticated(`Invalid bearer token (${(error as { code?: string }).code ?? 'verification failed'}).`);
      }
    }
    if (!anyConfigured && options.open) return { id: 'open-demo', kind: 'open', scopes: 'all', ...(bearer ? { token: bearer } : {}) };
    throw unauthenticated('Authentication required: send a bearer token or an API key.');
  };
}

function byApiKey(presented: string, keys: Array<ApiKeyConfig & { digest: Buffer }>): Caller {
  const digest = createHash('sha256').update(presented).digest();
  const match = keys.find((k) => k.digest.length === digest.length && timingSafeEqual(k.digest, digest));
  if (!match) throw unauthenticated('Unknown API key.');
  return { id: match.id, kind: 'api-key', scopes: new Set(match.scopes) };
}
