/**
 * Building `q` for Auth0 user search (FACTS A3): `user_id` is not tokenised, so each id is an
 * exact quoted term, OR-ed inside one group: `user_id:("auth0|a" OR "google-oauth2|b")`. Inside a
 * quoted Lucene term only `"` and `\` are special; both are escaped, so no id can end the phrase
 * and inject another clause.
 */
export function quoteTerm(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function anyOf(field: string, values: string[]): string {
  return `${field}:(${values.map(quoteTerm).join(' OR ')})`;
}

/** Splits ids into chunks whose query stays well under URL limits and one 100-item page. */
export function chunkIds(ids: string[], maxPerChunk = 50, maxQueryChars = 3000): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const id of ids) {
    const cost = quoteTerm(id).length + 4;
    if (current.length > 0 && (current.length >= maxPerChunk || length + cost > maxQueryChars)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(id);
    length += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Longest `q` the gateway sends. Auth0 answers 414 when the query string is too long, without
 * naming a length; `chunkIds` keeps id lookups under the same budget.
 */
export const MAX_USER_QUERY_CHARS = 3000;
