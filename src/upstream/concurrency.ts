/**
 * A bound on in-flight requests: calls past it wait their turn, first come first served. A caller
 * that gives up (its signal aborts) while waiting leaves the queue. The bound can move while
 * calls are in flight (the client narrows it when the tenant's rate budget runs low): a lower
 * bound takes effect as calls finish, a higher one wakes waiters at once.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private max: number) {}

  get limit(): number {
    return this.max;
  }

  setLimit(max: number): void {
    this.max = Math.max(1, Math.floor(max));
    while (this.active < this.max && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!();
    }
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.max) await this.wait(signal);
    else this.active++;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  // The slot is handed over directly to the next waiter (active stays the same), so a newcomer
  // can never overtake the queue between release and wake-up; above a lowered bound it is dropped.
  private release(): void {
    const next = this.active <= this.max ? this.waiting.shift() : undefined;
    if (next) next();
    else this.active--;
  }

  private wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(wake);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal!.reason);
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
