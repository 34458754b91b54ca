/**
 * One client-credentials token for every replica (DESIGN 11): before asking the token endpoint, a
 * replica looks in the shared store; the one that takes the short lock fetches and stores the
 * token with its expiry, the others wait for it. The store failing costs a replica its own token
 * request, never a failed call.
 */
import type { IssuedToken } from './token-cache.js';
import { TOKEN_LEEWAY_MS } from './token-cache.js';

export interface SharedTokenStore {
  read(): Promise<{ token: string; expiresAt: number } | undefined>;
  write(token: string, expiresAt: number): Promise<void>;
  /** Takes the refresh lock for `ttlMs`; false when another replica holds it. */
  lock(ttlMs: number): Promise<boolean>;
  unlock(): Promise<void>;
}

const LOCK_MS = 10_000;
const WAIT_STEP_MS = 50;

/** Wraps the token request so that replicas share its result. */
export function sharedIssue(
  issue: () => Promise<IssuedToken>, store: SharedTokenStore, now: () => number = Date.now,
): (refused?: string) => Promise<IssuedToken> {
  const usable = (found: { token: string; expiresAt: number } | undefined, refused?: string): IssuedToken | undefined =>
    found && found.token !== refused && now() < found.expiresAt - TOKEN_LEEWAY_MS
      ? { token: found.token, expiresIn: (found.expiresAt - now()) / 1000 }
      : undefined;
  return async (refused) => {
    try {
      const known = usable(await store.read(), refused);
      if (known) return known;
      if (await store.lock(LOCK_MS)) {
        try {
          // Another replica may have stored a token between our read and our lock.
          const stored = usable(await store.read(), refused);
          if (stored) return stored;
          const issued = await issue();
          await store.write(issued.token, now() + issued.expiresIn * 1000);
          return issued;
        } finally {
          await store.unlock().catch(() => undefined);
        }
      }
      for (let waited = 0; waited < LOCK_MS; waited += WAIT_STEP_MS) {
        await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
        const stored = usable(await store.read(), refused);
        if (stored) return stored;
      }
    } catch {
      // The shared store is away: this replica asks for its own token.
    }
    return issue();
  };
}
