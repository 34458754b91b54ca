/**
 * How the gateway authenticates to the Management API (FACTS A4):
 * - client credentials: `POST {baseUrl}/oauth/token` (form-encoded, as Auth0's docs show); the
 *   token is cached (token-cache.ts), and a 401 from the API forces one refresh;
 * - a static token;
 * - forwarding the caller's own bearer token, which each request carries.
 * No token or secret ever appears in an error: token endpoint errors quote only Auth0's
 * `error`/`error_description`, with the secret cut out should the endpoint echo it.
 */
import { Pool } from 'undici';
import { upstreamError } from './errors.js';
import { sharedIssue, type SharedTokenStore } from './shared-token.js';
import { type IssuedToken, TokenCache } from './token-cache.js';

export type AuthOptions =
  | { mode: 'client-credentials'; clientId: string; clientSecret: string; audience?: string; tokenUrl?: string }
  | { mode: 'static'; token: string }
  | { mode: 'forward' };

export interface TokenSource {
  /** The bearer token for a request; `refused`: a token just answered with 401, not to be reused. */
  token(callerToken: string | undefined, refused?: string): Promise<string>;
  /** Whether a 401 is worth one refresh and retry. */
  readonly refreshable: boolean;
  close(): Promise<void>;
}

const TOKEN_OPERATION = 'oauth_token';
/** Used when the token endpoint leaves out `expires_in`: Auth0's default lifetime (24 h). */
const DEFAULT_EXPIRES_IN_S = 86_400;

export function createTokenSource(auth: AuthOptions, pool: Pool, origin: string, headersTimeout: number, shared?: SharedTokenStore): TokenSource {
  switch (auth.mode) {
    case 'static':
      return { refreshable: false, token: async () => auth.token, close: async () => {} };
    case 'forward':
      return {
        refreshable: false,
        close: async () => {},
        token: async (callerToken) => {
          if (!callerToken) throw upstreamError({ message: 'No caller token to forward to the Management API.', code: 'UNAUTHENTICATED', operationId: TOKEN_OPERATION });
          return callerToken;
        },
      };
    case 'client-credentials':
      return clientCredentials(auth, pool, origin, headersTimeout, shared);
  }
}

function clientCredentials(auth: Extract<AuthOptions, { mode: 'client-credentials' }>, apiPool: Pool, origin: string, headersTimeout: number, shared?: SharedTokenStore): TokenSource {
  const url = new URL(auth.tokenUrl ?? '/oauth/token', origin);
  // A token endpoint on another origin (a custom domain, a test double) needs its own pool.
  const pool = url.origin === origin ? apiPool : new Pool(url.origin, { connections: 2, headersTimeout });
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: auth.clientId,
    client_secret: auth.clientSecret,
    audience: auth.audience ?? `${origin}/api/v2/`,
  }).toString();
  const fail = (message: string, code: 'UPSTREAM_UNAUTHORIZED' | 'UPSTREAM_UNAVAILABLE', statusCode?: number, errorCode?: string) =>
    upstreamError({ message, code, operationId: TOKEN_OPERATION, statusCode, errorCode, secrets: [auth.clientSecret] });

  const request = async (): Promise<IssuedToken> => {
    let response;
    try {
      response = await pool.request({
        method: 'POST', path: `${url.pathname}${url.search}`, body: form, headersTimeout,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      });
    } catch (error) {
      // Only the error's code: undici messages are harmless today, but nothing unchecked goes out.
      throw fail(`Could not reach the token endpoint (${(error as { code?: string }).code ?? (error as Error).name}).`, 'UPSTREAM_UNAVAILABLE');
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      // An answer cut off (a reset, the body timeout) says nothing about the credentials.
      throw fail(`The token endpoint's answer could not be read (${(error as { code?: string }).code ?? (error as Error).name}).`, 'UPSTREAM_UNAVAILABLE', response.statusCode);
    }
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Not JSON: reported by status below.
    }
    if (response.statusCode !== 200 || typeof json.access_token !== 'string' || json.access_token === '') {
      const reason = typeof json.error_description === 'string' ? json.error_description : `status ${response.statusCode}`;
      throw fail(`The token endpoint refused the gateway's client credentials: ${reason}`,
        // The gateway's own credential was refused: distinct from a caller's UNAUTHENTICATED.
        response.statusCode >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_UNAUTHORIZED', response.statusCode,
        typeof json.error === 'string' ? json.error : undefined);
    }
    const expiresIn = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : DEFAULT_EXPIRES_IN_S;
    return { token: json.access_token, expiresIn };
  };
  const cache = new TokenCache(shared ? sharedIssue(request, shared) : request);

  return {
    refreshable: true,
    token: (_caller, refused) => cache.get(refused),
    close: async () => {
      if (pool !== apiPool) await pool.close();
    },
  };
}
