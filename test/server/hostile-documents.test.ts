import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// Documents built to be expensive to parse, validate or cost are answered quickly with default
// limits, and the process keeps answering /healthz meanwhile. (Timings are shown by
// bench/hostile-documents.ts; the bound here is far above it and far below the 10 s freeze of old.)
let h: Harness;

beforeAll(async () => {
  // The token limit of old (5,000) allows the widest fan-out; the default is now lower.
  h = await startHarness({ debug: false, limits: { maxTokens: 5000 } });
});

afterAll(async () => {
  await h.close();
});

const spreads = (name: string, n: number) => Array.from({ length: n }, () => `...${name}`).join(' ');

describe.each([
  ['four levels of fragments, each spreading the next 100 times', `{ roles(first: 1) { nodes { ...A } } }
    fragment A on Role { ${spreads('B', 100)} } fragment B on Role { ${spreads('C', 100)} }
    fragment C on Role { ${spreads('D', 100)} } fragment D on Role { name users(first: 1) { nodes { userId } } }`],
  ['two levels of 1,200 spreads, within the depth limit', `{ roles(first: 1) { nodes { ...A } } }
    fragment A on Role { ${spreads('B', 1200)} } fragment B on Role { ${spreads('C', 1200)} } fragment C on Role { name }`],
  ['fan-out from the root to a call at every leaf', `{ ...A } fragment A on Query { ${spreads('B', 1200)} }
    fragment B on Query { ${spreads('C', 1200)} } fragment C on Query { roles(first: 1) { nodes { users(first: 1) { nodes { userId } } } } }`],
])('%s', (_name, document) => {
  it('is answered in well under a second, with /healthz answered meanwhile', async () => {
    h.resetCalls();
    const started = performance.now();
    let healthy = 0;
    // The longest the event loop went without answering /healthz while the document was handled.
    let longestGap = 0;
    const work = h.query(document);
    const pings = (async () => {
      let settled = false;
      let last = performance.now();
      void work.finally(() => { settled = true; });
      do {
        if ((await h.gateway.app.fetch('http://gateway.test/healthz')).status === 200) healthy++;
        longestGap = Math.max(longestGap, performance.now() - last);
        last = performance.now();
        await new Promise((r) => setImmediate(r));
      } while (!settled);
    })();
    const { status, errors, data } = await work;
    await pings;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(healthy).toBeGreaterThan(0);
    expect(longestGap).toBeLessThan(500);
    expect(status).toBeLessThan(500);
    // Whatever the verdict, nothing past the cost limit reached the tenant.
    expect(h.calls()).toBeLessThanOrEqual(2);
    expect(errors === undefined ? data : errors[0]!.extensions?.code).toBeTruthy();
  });
});
