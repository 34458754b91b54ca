/** Auth0's error body (FACTS A5): `{ statusCode, error, message, errorCode }`. */
const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
  429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};

export class EmulatorError extends Error {
  constructor(readonly statusCode: number, message: string, readonly errorCode?: string) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode] ?? 'Error',
      message: this.message,
      ...(this.errorCode ? { errorCode: this.errorCode } : {}),
    };
  }
}

export const badRequest = (message: string, errorCode = 'invalid_body') => new EmulatorError(400, message, errorCode);
export const notFound = (message: string, errorCode = 'inexistent_resource') => new EmulatorError(404, message, errorCode);
export const conflict = (message: string, errorCode = 'conflict') => new EmulatorError(409, message, errorCode);
