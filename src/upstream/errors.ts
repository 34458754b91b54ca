/**
 * Upstream failures as one error type, and their GraphQL form (DESIGN 7; FACTS A5).
 * Auth0 answers `{ statusCode, error, message, errorCode }`; the GraphQL error keeps Auth0's message
 * and codes and never carries a URL, header, token or stack.
 */
import { GraphQLError } from 'graphql';

export type UpstreamErrorCode =
  | 'BAD_REQUEST' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED' | 'NOT_IMPLEMENTED' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_ERROR' | 'BAD_USER_INPUT'
  /** The gateway's own credential was refused (token endpoint, or a 401 to the gateway's token): not the caller's fault. */
  | 'UPSTREAM_UNAUTHORIZED'
  /** A write was sent and no answer came: it may or may not have been applied. Never retried. */
  | 'UPSTREAM_OUTCOME_UNKNOWN'
  /** The request spent its allowance of upstream calls. */
  | 'UPSTREAM_BUDGET_EXCEEDED';

const BY_STATUS: Record<number, UpstreamErrorCode> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 402: 'FORBIDDEN', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
  412: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED', 501: 'NOT_IMPLEMENTED',
};

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    message: string,
    readonly code: UpstreamErrorCode,
    readonly operationId: string,
    readonly statusCode?: number,
    readonly errorCode?: string,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, code: this.code, operationId: this.operationId, statusCode: this.statusCode, errorCode: this.errorCode };
  }
}

export interface UpstreamErrorFields {
  message: string;
  code: UpstreamErrorCode;
  operationId: string;
  statusCode?: number;
  errorCode?: string;
  /** Tokens and secrets in play: cut out of the message, whatever the upstream echoed. */
  secrets?: ReadonlyArray<string | undefined>;
}

/** The one way the client builds an error. */
export function upstreamError(fields: UpstreamErrorFields): UpstreamError {
  return new UpstreamError(redact(fields.message, fields.secrets ?? []), fields.code, fields.operationId, fields.statusCode, fields.errorCode);
}

function codeForStatus(status: number): UpstreamErrorCode {
  return BY_STATUS[status] ?? (status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR');
}

/** Builds the error for a non-2xx answer from Auth0's body, whatever shape it has. */
export function errorFromResponse(operationId: string, status: number, body: unknown, secrets: ReadonlyArray<string | undefined> = []): UpstreamError {
  const record = body && typeof body === 'object' ? body as Record<string, unknown> : {};
  const message = typeof record.message === 'string' ? record.message
    : typeof record.error_description === 'string' ? record.error_description
      : typeof body === 'string' && body.length > 0 && body.length < 500 ? body
        : `The Management API answered ${status}`;
  const errorCode = typeof record.errorCode === 'string' ? record.errorCode : undefined;
  return upstreamError({ message, code: codeForStatus(status), operationId, statusCode: status, errorCode, secrets });
}

export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof UpstreamError) {
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
        ...(error.errorCode !== undefined ? { errorCode: error.errorCode } : {}),
        operationId: error.operationId,
      },
    });
  }
  // Anything else is unexpected: Yoga masks it as an internal error.
  return new GraphQLError('Unexpected error while calling the Management API.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

// Short values (an empty or one-letter "secret") would shred ordinary words; real tokens are long.
// An echo of a request may carry the secret percent- or form-encoded, so those forms go too.
function redact(message: string, secrets: ReadonlyArray<string | undefined>): string {
  let text = message;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
    for (const form of forms) text = text.split(form).join('[redacted]');
  }
  return text;
}

/**
 * Failures that prove the request never left: the connection was not made. Any other failure
 * after a request was handed to the socket (a reset, a timeout, an abort) leaves its effect unknown.
 */
const NOT_SENT = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function provedUnsent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NOT_SENT.has(code);
}

/** The error for a write that was sent and got no answer. */
export function outcomeUnknown(operationId: string, method: string): UpstreamError {
  return upstreamError({
    message: `The ${method} was sent to the Management API but no answer came: the change may have been applied. Check before trying again.`,
    code: 'UPSTREAM_OUTCOME_UNKNOWN',
    operationId,
  });
}

/** The error for an attempt that got no answer: a timeout, a reset, a refused connection, an abort. */
export function errorFromFailure(error: unknown, operationId: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const name = (error as Error | undefined)?.name;
  // The per-request deadline (an AbortSignal whose reason is a TimeoutError) ran out.
  if (name === 'TimeoutError') return upstreamError({ message: 'The GraphQL request ran out of time before the Management API answered.', code: 'UPSTREAM_TIMEOUT', operationId });
  if (name === 'AbortError') return upstreamError({ message: 'The request was cancelled.', code: 'UPSTREAM_UNAVAILABLE', operationId });
  // Only the error's code is quoted: never its message, which could name a URL.
  const code = (error as { code?: unknown } | undefined)?.code;
  const label = typeof code === 'string' ? code : name ?? 'unknown error';
  const timedOut = label.includes('TIMEOUT');
  return upstreamError({
    message: timedOut ? `The Management API did not answer in time (${label}).` : `The Management API could not be reached (${label}).`,
    code: timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
    operationId,
  });
}
