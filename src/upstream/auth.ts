/**
 * How the gateway authenticates to the Management API (FACTS A4):
 * - client credentials: `POST {baseUrl}/oauth/token`; the token is kept until 10 s before it
 *   expires, concurrent callers share one pending request, and a 401 forces one refresh;
 * - a static token;
 * - forwarding the caller's own bearer token.
 * No token or secret ever appears in an error or a log.
 */
import type { Pool } from 'undici';
import { UpstreamError } from './errors.js';

export type AuthOptions =
  | { mode: 'client-credentials'; clientId: string; clientSecret: string; audience?: string; tokenUrl?: string }
  | { mode: 'static'; token: string }
  | { mode: 'forward' };

export interface TokenSource {
  /** The bearer token for a request; `stale`: a token just refused with 401, not to be reused. */
  token(callerToken: string | undefined, stale?: string): Promise<string>;
  /** Whether a 401 is worth one refresh and retry. */
  readonly refreshable: boolean;
}

const LEEWAY_MS = 10_000;

export function createTokenSource(auth: AuthOptions, pool: Pool, baseUrl: string, headersTimeout: number): TokenSource {
  switch (auth.mode) {
    case 'static':
      return { refreshable: false, token: async () => auth.token };
    case 'forward':
      return {
        refreshable: false,
        token: async (callerToken) => {
          if (!callerToken) throw new UpstreamError('No caller token to forward to the Management API.', 'UNAUTHENTICATED', 'oauth_token');
          return callerToken;
        },
      };
    case 'client-credentials':
      return new ClientCredentials(auth, pool, baseUrl, headersTimeout);
  }
}

class ClientCredentials implements TokenSource {
  readonly refreshable = true;
  private cached?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly auth: Extract<AuthOptions, { mode: 'client-credentials' }>,
    private readonly pool: Pool,
    private readonly baseUrl: string,
    private readonly headersTimeout: number,
  ) {}

  async token(_caller: string | undefined, stale?: string): Promise<string> {
    const fresh = this.cached && Date.now() < this.cached.expiresAt - LEEWAY_MS;
    // After a 401, refresh once: unless another caller already replaced the refused token.
    if (fresh && this.cached!.token !== stale) return this.cached!.token;
    // Single flight: everyone waiting for a token shares one request.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(this.auth.tokenUrl ?? '/oauth/token', this.baseUrl);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.auth.clientId,
      client_secret: this.auth.clientSecret,
      audience: this.auth.audience ?? `${this.baseUrl}/api/v2/`,
    }).toString();
    let response;
    try {
      response = await this.pool.request({
        method: 'POST', path: url.pathname, body, headersTimeout: this.headersTimeout,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      });
    } catch (error) {
      throw new UpstreamError(`Could not reach the token endpoint (${(error as Error).name})`, 'UPSTREAM_UNAVAILABLE', 'oauth_token');
    }
    const text = await response.body.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // handled below
    }
    if (response.statusCode !== 200 || typeof json.access_token !== 'string') {
      const reason = typeof json.error_description === 'string' ? json.error_description : `status ${response.statusCode}`;
      throw new UpstreamError(`The token endpoint refused the gateway's client credentials: ${reason}`,
        response.statusCode >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UNAUTHENTICATED', 'oauth_token', response.statusCode,
        typeof json.error === 'string' ? json.error : undefined);
    }
    const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : 86_400;
    this.cached = { token: json.access_token, expiresAt: Date.now() + expiresIn * 1000 };
    return json.access_token;
  }
}
