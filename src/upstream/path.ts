/**
 * The one place path parameters enter a URL (FACTS A7). Every value is `encodeURIComponent`-ed,
 * so `/`, `?`, `#` and `%` stay inside their segment; `.` and `..` are refused, because
 * `encodeURIComponent` leaves them as they are and URL normalisation would walk up the path.
 */
import { UpstreamError } from './errors.js';

export function encodePathSegment(value: string | number, name: string, operationId: string): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw new UpstreamError(`Invalid value for path parameter ${name}: ${JSON.stringify(text)}`, 'BAD_USER_INPUT', operationId);
  }
  return encodeURIComponent(text);
}

export function buildPath(template: string, params: Record<string, string | number>, operationId: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new UpstreamError(`Missing path parameter ${name}`, 'BAD_USER_INPUT', operationId);
    }
    return encodePathSegment(value, name, operationId);
  });
}
