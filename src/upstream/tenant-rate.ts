/**
 * A pace for the tenant's calls (GATEWAY_TENANT_RATE): every attempt reserves its slot first and
 * waits until it comes, so the replicas together stay under the tenant's limit instead of
 * discovering it by 429s. A generic cell rate (GCRA): one slot each `1000 / rate` ms, no bursts.
 * In memory for one process; shared by the replicas through Redis (shared/redis-tenant-rate.ts).
 */
export interface TenantRate {
  /** Reserves the next slot; resolves with the ms to wait before sending. */
  reserve(): Promise<number>;
}

export class LocalTenantRate implements TenantRate {
  private next = 0;

  constructor(private readonly perSecond: number, private readonly now: () => number = Date.now) {
    if (!(perSecond > 0)) throw new RangeError(`A tenant rate must be above 0, got ${perSecond}`);
  }

  async reserve(): Promise<number> {
    const now = this.now();
    const slot = Math.max(this.next, now);
    this.next = slot + 1000 / this.perSecond;
    return slot - now;
  }
}
