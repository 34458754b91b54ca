/**
 * Reading an answer: headers flattened to one string each, the body parsed as JSON when it says
 * it is JSON, kept as text otherwise, and `undefined` when empty (204).
 */
import type { Dispatcher } from 'undici';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export async function readResponse(response: Dispatcher.ResponseData): Promise<RawResponse> {
  const text = await response.body.text();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown = text;
  if (text === '') body = undefined;
  else if (/[/+]json\b/i.test(headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      // A proxy's HTML error page with a JSON content type: keep the text for the error message.
      body = text;
    }
  }
  return { status: response.statusCode, headers, body };
}
