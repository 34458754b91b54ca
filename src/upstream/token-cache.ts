/**
 * A bearer token kept in memory until shortly before it expires (FACTS A4, as node-auth0 does):
 * refreshed when `now > expiresAt − 10 s`, and many concurrent callers share one pending request
 * (single flight), so 50 calls at start-up cost one token request, not 50.
 */
export interface IssuedToken {
  token: string;
  /** Lifetime in seconds, as `expires_in` says. */
  expiresIn: number;
}

export const TOKEN_LEEWAY_MS = 10_000;

export class TokenCache {
  private cached?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  /** `issue` is told the refused token, if any, so a shared store does not hand it back. */
  constructor(private readonly issue: (refused?: string) => Promise<IssuedToken>, private readonly now: () => number = Date.now) {}

  /**
   * The token to use. `refused`: a token the API just answered 401 to; it is not handed out again,
   * but if another caller already replaced it, that newer token is used without a second refresh.
   */
  get(refused?: string): Promise<string> {
    const cached = this.cached;
    if (cached && cached.token !== refused && this.now() < cached.expiresAt - TOKEN_LEEWAY_MS) return Promise.resolve(cached.token);
    this.pending ??= this.refresh(refused).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(refused?: string): Promise<string> {
    const issued = await this.issue(refused);
    this.cached = { token: issued.token, expiresAt: this.now() + issued.expiresIn * 1000 };
    return issued.token;
  }
}
