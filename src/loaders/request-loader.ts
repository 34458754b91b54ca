/**
 * Dedupe of identical GETs within one request (DESIGN 6): two fields that need the same URL
 * share one upstream call. Keyed by method, path and the sorted query; writes never go through it.
 */
import DataLoader from 'dataloader';

export interface GetRequest {
  key: string;
  run: () => Promise<unknown>;
}

export function createRequestLoader(): DataLoader<GetRequest, unknown, string> {
  return new DataLoader<GetRequest, unknown, string>(
    async (requests) => Promise.all(requests.map((r) => r.run().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))),
    { cacheKeyFn: (r) => r.key, batch: false },
  );
}

/** A stable key for a GET: path with its encoded parameters, then query pairs in sorted order. */
export function requestKey(path: string, query: Record<string, unknown> | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(Array.isArray(v) ? v.join('\u0000') : String(v))}`)
    .sort();
  return `GET ${path}?${pairs.join('&')}`;
}
