/**
 * CSRF prevention with an error that says what to do. A browser sends some requests "simple",
 * without a CORS preflight: form posts, `text/plain`, and `multipart/form-data` (GraphQL file
 * uploads such as `importUsers`). Such a request runs only when it carries one of the named
 * headers, which no page on another origin can add without a preflight. JSON POSTs are always
 * preflighted and need nothing. The refusal is 403 with code CSRF_HEADER_REQUIRED, naming the
 * headers (graphql-yoga's own plugin says only "Required CSRF header(s) not present").
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight'] as const;

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function useCsrfPrevention(headers: readonly string[] = CSRF_HEADERS): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const preflighted = contentType !== undefined && !SIMPLE_CONTENT_TYPES.some((t) => contentType.startsWith(t));
      if (preflighted || headers.some((h) => request.headers.has(h))) return;
      const what = contentType?.startsWith('multipart/form-data')
        ? 'A multipart request (a file upload such as importUsers)'
        : contentType ? `A ${contentType.split(';')[0]} request` : 'A request without a content type (a GET)';
      throw createGraphQLError(
        `${what} needs the CSRF-prevention header ${headers.map((h) => `\`${h}\``).join(' or ')} (any non-empty value, e.g. \`${headers[0]}: 1\`): browsers send such requests without a preflight, so the header proves the caller is not a page on another site.`,
        { extensions: { code: 'CSRF_HEADER_REQUIRED', requiredHeaders: [...headers], http: { status: 403 } } },
      );
    },
  };
}
