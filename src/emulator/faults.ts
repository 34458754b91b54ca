/** Fault knobs for tests and benchmarks: latency, random 500s, 429 bursts, dropped connections. */
export interface Faults {
  /** Added to every /api/v2 answer: `latencyMs` plus up to `jitterMs`. */
  latencyMs?: number;
  jitterMs?: number;
  /** Share of /api/v2 requests answered 500 without executing, 0 to 1. */
  errorRate?: number;
  /** The next n /api/v2 requests are answered 429 without executing. */
  rateLimitBurst?: number;
  /** The 429s of `rateLimitBurst` name a reset this many whole seconds ahead (default: the bucket's own). */
  rateLimitResetSeconds?: number;
  /** The next n /api/v2 requests have their connection destroyed without an answer. */
  resetConnections?: number;
  /** The next n /api/v2 requests get no answer at all (until the client gives up). */
  hang?: number;
  /** When set, the faults above touch only requests for this operation (e.g. `get_role_user`). */
  operationId?: string;
}

export function validateFaults(input: unknown): Faults {
  if (!input || typeof input !== 'object') throw new Error('faults must be an object');
  const out: Faults = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === 'operationId') {
      if (typeof value !== 'string' || value === '') throw new Error('operationId must be a non-empty string');
      out.operationId = value;
      continue;
    }
    if (!['latencyMs', 'jitterMs', 'errorRate', 'rateLimitBurst', 'rateLimitResetSeconds', 'resetConnections', 'hang'].includes(key)) throw new Error(`unknown fault ${key}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a number ≥ 0`);
    if (key === 'errorRate' && value > 1) throw new Error('errorRate must be between 0 and 1');
    (out as Record<string, number>)[key] = value;
  }
  return out;
}
