/**
 * Whether the gateway can serve (`/readyz`): every check passes — the upstream answers and a token
 * can be had, and the JWKS can be fetched when callers use JWTs.
 *
 * - Hysteresis: once ready, it takes `failuresBeforeUnready` consecutive failed probes to report
 *   not ready (one lost packet must not pull every replica out of a load balancer at once), and a
 *   single success to be ready again. Before its first success it is not ready.
 * - Latency is not failure: a check fails when it errs or gives no answer within `probeTimeoutMs`,
 *   never for being slow within that; and a timed-out probe makes /readyz answer, not hang.
 * - A result is reused for `cacheMs`, and concurrent callers share the probe in flight, so a flood
 *   of /readyz cannot become a flood of upstream calls.
 */

export interface ProbeResult { ok: boolean; detail: string }

export interface ReadinessCheck {
  /** Names the check in the report (`upstream`, `jwks`). */
  name: string;
  probe: () => Promise<ProbeResult>;
  /** Reported, but its failure does not make the gateway unready (the shared cache: without it the gateway serves uncached). */
  advisory?: boolean;
}

export interface ReadinessOptions {
  /** Consecutive failed probes before a ready gateway reports not ready. Default 3. */
  failuresBeforeUnready?: number;
  /** How long a probe's result is reused, in ms. Default 2000; 0 probes on every request. */
  cacheMs?: number;
  /** A probe with no answer after this counts as failed. Default 5000. */
  probeTimeoutMs?: number;
  /** The clock (ms), injectable so tests need not wait out the cache window. */
  now?: () => number;
}

export interface ReadinessReport {
  ready: boolean;
  /** What failed (or `ready`), for people; never a URL or a secret. */
  detail: string;
  checks: Record<string, ProbeResult>;
}

export function createReadiness(checks: ReadinessCheck[], options: ReadinessOptions = {}): () => Promise<ReadinessReport> {
  const failuresBeforeUnready = options.failuresBeforeUnready ?? 3;
  const cacheMs = options.cacheMs ?? 2_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  let ready = false;
  let consecutiveFailures = 0;
  let last: { at: number; report: ReadinessReport } | undefined;
  let inFlight: Promise<ReadinessReport> | undefined;

  async function probeAll(): Promise<ReadinessReport> {
    const results = await Promise.all(checks.map(async (check) => [check.name, await bounded(check.probe, probeTimeoutMs)] as const));
    const advisory = new Set(checks.filter((c) => c.advisory).map((c) => c.name));
    const failed = results.filter(([name, result]) => !result.ok && !advisory.has(name)).map(([name, result]) => `${name}: ${result.detail}`);
    if (failed.length === 0) {
      ready = true;
      consecutiveFailures = 0;
    } else {
      consecutiveFailures += 1;
      if (consecutiveFailures >= failuresBeforeUnready) ready = false;
    }
    const detail = failed.length === 0 ? 'ready'
      : ready ? `still ready after ${consecutiveFailures} of ${failuresBeforeUnready} failed probes; ${failed.join('; ')}`
        : failed.join('; ');
    return { ready, detail, checks: Object.fromEntries(results) };
  }

  return async () => {
    if (last && now() - last.at < cacheMs) return last.report;
    inFlight ??= probeAll().then((report) => {
      last = { at: now(), report };
      return report;
    }).finally(() => { inFlight = undefined; });
    return inFlight;
  };
}

/** The probe's answer, or a failure once `ms` have passed; a probe that throws is a failure too. */
async function bounded(probe: () => Promise<ProbeResult>, ms: number): Promise<ProbeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([probe().catch((error: unknown) => ({ ok: false, detail: `check failed (${(error as Error | undefined)?.name ?? 'unknown error'})` })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
