/**
 * The one place path parameters enter a URL (FACTS A7). Every value is `encodeURIComponent`-ed,
 * so `/`, `?`, `#` and `%` stay inside their segment; `.` and `..` are refused, because
 * `encodeURIComponent` leaves them as they are and URL normalisation would walk up the path.
 */
import { upstreamError } from './errors.js';

export function encodePathSegment(value: string | number, name: string, operationId: string): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw upstreamError({ message: `Path parameter ${name} must not be empty, "." or ".." (they would change the path), got ${JSON.stringify(text)}`, code: 'BAD_USER_INPUT', operationId });
  }
  return encodeURIComponent(text);
}

export function buildPath(template: string, params: Record<string, string | number>, operationId: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw upstreamError({ message: `Missing path parameter ${name}`, code: 'BAD_USER_INPUT', operationId });
    }
    return encodePathSegment(value, name, operationId);
  });
}
