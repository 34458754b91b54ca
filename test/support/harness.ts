/**
 * An emulator and a gateway in front of it, in process: what the gateway tests drive. Upstream
 * calls are counted where they land, in the emulator's request log.
 */
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway.js';
import type { UpstreamOptions } from '../../src/upstream/index.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface Harness {
  emulator: Emulator;
  gateway: Gateway;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** /api/v2 requests the emulator received since the last `resetCalls`. */
  calls(): number;
  resetCalls(): void;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<GatewayOptions, 'upstream'>> {
  emulator?: Parameters<typeof startEmulator>[0];
  upstreamOverrides?: Partial<UpstreamOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options.emulator);
  const { emulator: _emulatorOptions, upstreamOverrides: _overrides, ...gatewayOptions } = options;
  const gateway = createGateway({
    debug: true,
    ...gatewayOptions,
    upstream: {
      baseUrl: emulator.url,
      auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret },
      ...options.upstreamOverrides,
    },
  });
  return {
    emulator,
    gateway,
    async query(query, variables) {
      const response = await gateway.app.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...(await response.json()) } as never;
    },
    calls: () => emulator.stats().total,
    resetCalls: () => emulator.resetStats(),
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
