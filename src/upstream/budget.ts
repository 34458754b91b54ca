/**
 * A request's allowance of upstream attempts (DESIGN 9). Every attempt, retries included, spends
 * one before it is sent; once spent, the client refuses to send more for that request, so no
 * single GraphQL request can drain the tenant's rate limit, whatever its shape or its luck.
 */
export class CallBudget {
  private used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`A call budget must be a whole number ≥ 0, got ${JSON.stringify(limit)}`);
  }

  /** Attempts spent so far. */
  get spent(): number {
    return this.used;
  }

  /** Spends one attempt; false (and nothing spent) when none is left. */
  take(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}
