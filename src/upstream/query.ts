/**
 * Query strings as OpenAPI `style: form` says: scalars as `k=v`, arrays repeated
 * (`identifiers=a&identifiers=b`) when `explode` is true, its default, or comma-joined when false.
 */
export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | null | undefined | QueryScalar[];

export function buildQuery(query: Record<string, QueryValue> | undefined, style: Record<string, { explode: boolean }> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (style[name]?.explode === false) params.append(name, value.map(String).join(','));
      else for (const item of value) params.append(name, String(item));
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
