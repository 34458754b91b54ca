/**
 * Spec descriptions → Markdown for GraphiQL's docs panel. The spec mixes Markdown with a few HTML
 * tags (`<code>`, `<a href>`, `<i>`, `<b>`, `<strong>`, `<br>`); GraphiQL renders Markdown and shows
 * HTML as text, so the common tags become their Markdown form. Placeholders such as `<token>` or
 * `<domain>`, and HTML inside code samples, are left alone.
 */
export function toMarkdown(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  const text = description
    .replace(/<code>([^<]*)<\/code>/g, '`$1`')
    .replace(/<a\s+[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([^<]*)<\/a>/g, '[$2]($1)')
    .replace(/<(i|em)>([^<]*)<\/\1>/g, '*$2*')
    .replace(/<(b|strong)>([^<]*)<\/\1>/g, '**$2**')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? undefined : text;
}
