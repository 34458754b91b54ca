/**
 * The tenant's rate-limit pause, shared by every replica (DESIGN 11): after one replica meets a
 * 429, the others hold their calls until the same reset instead of spending the bucket's next
 * tokens on requests bound to be refused. The client reads the pause synchronously before each
 * attempt; a shared implementation keeps its local view current (Redis: a key and a channel).
 */
export interface SharedThrottle {
  /** Epoch ms until which no call should go out (0 when none). */
  pausedUntil(): number;
  /** Tells every replica to hold calls until `until`. */
  pause(until: number): void;
}
