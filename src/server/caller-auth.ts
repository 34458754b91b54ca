/**
 * Who is calling (DESIGN 9): a JWT verified against a JWKS (jose) with issuer and audience, or an
 * API key (`x-api-key`, compared by SHA-256 in constant time). The caller's scopes come from the
 * token's `scope` claim (or Auth0's `permissions`) or the key's configuration. Open access exists
 * only for the local emulator demo. A refused caller gets 401 before anything runs.
 *
 * A JWT must carry `exp`, and live no longer than `maxLifetimeSeconds`. The JWKS is fetched with a
 * timeout and cached by jose; when it cannot be had the caller gets 503 AUTH_UNAVAILABLE: their
 * token is not known to be bad, but it cannot be checked, and an unchecked token never gets in.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type ApiKeyConfig, JWT_DEFAULTS, type JwtConfig } from './config.js';

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

export interface Authenticate {
  (request: Request): Promise<Caller>;
  /** For /readyz: whether what authentication depends on (the JWKS) can be had now. */
  ready?: () => Promise<{ ok: boolean; detail: string }>;
}

/** What createAuthenticator needs; the JWT's tuning settings default as in config.ts. */
export interface AuthSettings {
  jwt?: Pick<JwtConfig, 'jwksUrl' | 'issuer' | 'audience'> & Partial<JwtConfig>;
  apiKeys: ApiKeyConfig[];
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  });
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function authUnavailable(): GraphQLError {
  return new GraphQLError('Cannot verify bearer tokens right now: the signing keys (JWKS) are unavailable. Retry shortly.', {
    extensions: { code: 'AUTH_UNAVAILABLE', http: { status: 503, headers: { 'retry-after': '5' } } },
  });
}

/** jose errors about the token's own key (no key for its `kid`/`alg`): the token is bad, not the JWKS. */
const TOKEN_KEY_ERRORS = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'ERR_JOSE_NOT_SUPPORTED', 'ERR_JOSE_ALG_NOT_ALLOWED']);

/** Marks a failure to obtain the JWKS (timeout, network, not 200, not a key set) apart from a bad token. */
class JwksUnavailable extends Error {}

export function createAuthenticator(auth: AuthSettings, options: {
  open: boolean;
  /**
   * The embedded demo with its emulator's JWKS: bearer tokens are verified (a demo user's token
   * makes the caller that user), and a request with no token and no key keeps the open access.
   */
  openWithoutCredentials?: boolean;
}): Authenticate {
  const jwt = auth.jwt ? { ...JWT_DEFAULTS, ...auth.jwt } : undefined;
  // Keys are cached for 10 minutes; an unknown `kid` refetches at most every 30 s (key rotation),
  // so a flood of forged tokens cannot turn into a flood of JWKS fetches.
  // Made with the first token to verify (or readiness probe): making it loads Node's fetch, which a
  // gateway that no token has reached yet does not need at start-up.
  let made: ReturnType<typeof createRemoteJWKSet> | undefined;
  const remote = jwt && ((): ReturnType<typeof createRemoteJWKSet> => (made ??= createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: jwt.jwksTimeoutMs, cooldownDuration: 30_000, cacheMaxAge: 600_000 })));
  const getKey: JWTVerifyGetKey | undefined = remote && (async (header, token) => {
    try {
      return await remote()(header, token);
    } catch (error) {
      if (TOKEN_KEY_ERRORS.has((error as { code?: string }).code ?? '')) throw error;
      throw new JwksUnavailable('JWKS unavailable', { cause: error });
    }
  });
  const keys = auth.apiKeys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
  const anyConfigured = Boolean(jwt) || keys.length > 0;

  const authenticate: Authenticate = async (request) => {
    const apiKey = request.headers.get('x-api-key');
    if (apiKey !== null && keys.length > 0) return byApiKey(apiKey, keys);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (bearer && getKey && jwt) {
      let payload;
      try {
        ({ payload } = await jwtVerify(bearer, getKey, { issuer: jwt.issuer, audience: jwt.audience, requiredClaims: ['exp'] }));
      } catch (error) {
        if (error instanceof JwksUnavailable) throw authUnavailable();
        throw unauthenticated(`Invalid bearer token (${(error as { code?: string }).code ?? 'verification failed'}).`);
      }
      // jose has checked that exp (and iat, when present) are numbers and that exp is in the future.
      const lifetime = payload.exp! - (payload.iat ?? Math.floor(Date.now() / 1000));
      if (lifetime > jwt.maxLifetimeSeconds) throw unauthenticated(`Invalid bearer token (lifetime over ${jwt.maxLifetimeSeconds} s).`);
      const scopes = new Set([
        ...String(payload.scope ?? '').split(' ').filter(Boolean),
        ...(Array.isArray(payload.permissions) ? payload.permissions.map(String) : []),
      ]);
      return { id: String(payload.sub ?? 'unknown'), kind: 'jwt', scopes, token: bearer, ...(typeof payload.sub === 'string' && payload.sub !== '' ? { subject: payload.sub } : {}) };
    }
    if (options.open && options.openWithoutCredentials && !bearer && apiKey === null) return { id: 'open-demo', kind: 'open', scopes: 'all' };
    if (!anyConfigured && options.open) return { id: 'open-demo', kind: 'open', scopes: 'all', ...(bearer ? { token: bearer } : {}) };
    throw unauthenticated('Authentication required: send a bearer token or an API key.');
  };
  if (remote) {
    // A fresh fetch through jose's own set (same timeout; it refreshes the cached keys too).
    authenticate.ready = async () => {
      try {
        await remote().reload();
        return { ok: true, detail: 'JWKS reachable' };
      } catch (error) {
        // The code only (ERR_JWKS_TIMEOUT, ECONNREFUSED …): never the URL.
        const e = error as { code?: unknown; cause?: { code?: unknown }; name?: string };
        const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : e.name ?? 'unknown error';
        return { ok: false, detail: `JWKS unavailable (${code})` };
      }
    };
  }
  return authenticate;
}

function byApiKey(presented: string, keys: Array<ApiKeyConfig & { digest: Buffer }>): Caller {
  const digest = createHash('sha256').update(presented).digest();
  const match = keys.find((k) => k.digest.length === digest.length && timingSafeEqual(k.digest, digest));
  if (!match) throw unauthenticated('Unknown API key.');
  return { id: match.id, kind: 'api-key', scopes: new Set(match.scopes) };
}
