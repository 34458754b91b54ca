/**
 * An emulator and a gateway in front of it, in process: what the gateway tests drive. Upstream
 * calls are counted where they land, in the emulator's request log.
 */
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway.js';

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

export async function startHarness(options: Partial<GatewayOptions> & { emulator?: Parameters<typeof startEmulator>[0] } = {}): Promise<Harness> {
  const emulator = await startEmulator(options.emulator);
  const gateway = createGateway({
    debug: true,
    ...options,
    upstream: {
      baseUrl: emulator.url,
      auth: { mode: 'client-credentials', clientId: emulator.demoClient.clientId, clientSecret: emulator.demoClient.clientSecret },
      ...options.upstream,
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
