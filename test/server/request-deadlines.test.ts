import { describe, expect, it } from 'vitest';
import { deadline } from '../../src/server/use-deadlines.js';

// A finished request holds nothing: ending its deadline clears the timer and the listener, so
// nothing of it lives on for the rest of the request timeout.
describe('request deadlines', () => {
  it('abort the request when its time is up', async () => {
    const { signal } = deadline(new AbortController().signal, 20);
    await new Promise((r) => setTimeout(r, 60));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('abort it when the caller goes away', () => {
    const caller = new AbortController();
    const { signal } = deadline(caller.signal, 60_000);
    caller.abort(new Error('gone'));
    expect(signal.aborted).toBe(true);
  });

  it('once ended, neither the timer nor the caller can fire them', async () => {
    const caller = new AbortController();
    const { signal, end } = deadline(caller.signal, 20);
    end();
    await new Promise((r) => setTimeout(r, 60));
    caller.abort();
    expect(signal.aborted).toBe(false);
  });
});
