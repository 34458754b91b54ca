export { createUpstreamClient, type AttemptEvent, type UpstreamClient, type UpstreamOptions, type UpstreamRequest, type UpstreamResponse } from './client.js';
export type { AuthOptions } from './auth.js';
export { UpstreamError, toGraphQLError, type UpstreamErrorCode } from './errors.js';
export { buildPath, encodePathSegment } from './path.js';
export { buildQuery, type QueryValue } from './query.js';
export type { RateLimitState } from './rate-limit.js';
