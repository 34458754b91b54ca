export { createUpstreamClient, type UpstreamClient, type UpstreamRequest, type UpstreamResponse } from './client.js';
export type { AttemptEvent, UpstreamOptions } from './options.js';
export type { AuthOptions } from './auth.js';
export type { MultipartPart, UpstreamBody } from './body.js';
export { UpstreamError, toGraphQLError, type UpstreamErrorCode } from './errors.js';
export { buildPath, encodePathSegment } from './path.js';
export { buildQuery, type QueryValue } from './query.js';
export type { RateLimitState } from './rate-limit.js';
