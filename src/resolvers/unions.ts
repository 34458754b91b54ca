/**
 * `__resolveType` for the unions made from OpenAPI oneOfs: the discriminator when the spec
 * names one, else the member whose distinguishing required keys are all present, else the member
 * sharing the most keys with the object.
 */
import type { GeneratedMetadata } from '../schema/metadata.js';

type UnionMeta = GeneratedMetadata['unions'][string];

export function resolveUnionMember(union: UnionMeta, value: Record<string, unknown>, fieldKeys: (type: string) => string[]): string {
  if (union.discriminator) {
    const tag = value[union.discriminator.property];
    const mapped = typeof tag === 'string' ? union.discriminator.mapping[tag] : undefined;
    if (mapped) return mapped;
  }
  const byKeys = union.members.find((m) => m.distinctKeys.length > 0 && m.distinctKeys.every((k) => k in value));
  if (byKeys) return byKeys.type;
  const keys = Object.keys(value);
  let best = union.members[0]!.type;
  let bestScore = -1;
  for (const member of union.members) {
    const known = new Set(fieldKeys(member.type));
    const score = keys.filter((k) => known.has(k)).length - keys.filter((k) => !known.has(k)).length;
    if (score > bestScore) {
      best = member.type;
      bestScore = score;
    }
  }
  return best;
}
