/**
 * The emulator's authorization server: `POST /oauth/token` (client credentials) issues JWTs
 * signed with a key made at start-up, carrying the scopes granted to the client for the audience;
 * every /api/v2 request must present one, valid, unexpired and for this audience.
 */
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { EmulatorError } from './errors.js';

export interface Claims {
  sub: string;
  scopes: Set<string>;
}

export class TokenIssuer {
  private constructor(private readonly privateKey: CryptoKey, private readonly publicKey: CryptoKey, readonly issuer: string, readonly audience: string) {}

  static async create(issuer: string, audience: string): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return new TokenIssuer(privateKey, publicKey, issuer, audience);
  }

  /** A token for `clientId`; with `subject`, a user's token (the `*:current_user*` scopes act on that user). */
  async issue(clientId: string, scopes: string[], expiresIn = 86_400, subject?: string): Promise<string> {
    return new SignJWT({ scope: scopes.join(' '), ...(subject ? {} : { gty: 'client-credentials' }), azp: clientId })
      .setProtectedHeader({ alg: 'ES256', kid: 'emulator' })
      .setIssuer(this.issuer).setAudience(this.audience).setSubject(subject ?? `${clientId}@clients`)
      .setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
      .sign(this.privateKey);
  }

  /** The public key as a JWKS (`GET /.well-known/jwks.json`), for verifiers of the tokens issued here. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [{ ...(await exportJWK(this.publicKey)), kid: 'emulator', alg: 'ES256', use: 'sig' }] };
  }

  /** Verifies a bearer header; Auth0's 401 texts on failure. */
  async verify(authorization: string | undefined): Promise<Claims> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new EmulatorError(401, 'Missing authentication', 'missing_authentication');
    try {
      const { payload } = await jwtVerify(match[1]!, this.publicKey, { issuer: this.issuer, audience: this.audience });
      return { sub: String(payload.sub), scopes: new Set(String(payload.scope ?? '').split(' ').filter(Boolean)) };
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new EmulatorError(401, expired ? 'Expired token received for JSON Web Token validation' : 'Invalid token', expired ? 'token_expired' : 'invalid_token');
    }
  }
}
