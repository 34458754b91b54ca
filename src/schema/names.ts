/**
 * Naming rules (GraphQL spec §2.1.9 Names: /[_A-Za-z][_0-9A-Za-z]*\/).
 *
 * Wire names are snake_case, kebab-case or already camelCase; GraphQL names are camelCase
 * fields and arguments, PascalCase types and SCREAMING_SNAKE enum values. Every rename is
 * recorded by the caller so the runtime can map back exactly.
 */
import pluralize from 'pluralize';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function isGraphQLName(name: string): boolean {
  return NAME.test(name) && !name.startsWith('__');
}

/** Splits any wire spelling into lower-case words: `user_id`, `userId`, `X-Foo`, `SAMLP` all work. */
export function words(raw: string): string[] {
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function camelCase(raw: string): string {
  const parts = words(raw);
  if (parts.length === 0) return '_';
  const joined = parts[0] + parts.slice(1).map(capitalise).join('');
  return safeName(joined);
}

export function pascalCase(raw: string): string {
  return safeName(words(raw).map(capitalise).join('') || '_');
}

/** Keeps an already-Pascal name (a component name such as `ClientGrant`) as it is, only making it legal. */
export function typeName(raw: string): string {
  return isGraphQLName(raw) ? raw : pascalCase(raw);
}

function safeName(name: string): string {
  const cleaned = name.replace(/[^_0-9A-Za-z]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** `google-oauth2` → `GOOGLE_OAUTH2`, `fapi1_adv_pkj_par` → `FAPI1_ADV_PKJ_PAR`, `1h` → `_1H`, `*` → `_2A`. */
export function enumValueName(wire: unknown): string {
  const text = String(wire);
  const upper = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (upper === '') {
    // A value with no letters or digits at all: spell its code points so it stays unique.
    return `_${[...text].map((c) => c.codePointAt(0)!.toString(16).toUpperCase()).join('_')}`;
  }
  const name = /^[0-9]/.test(upper) ? `_${upper}` : upper;
  // true/false/null are not allowed as enum values (GraphQL spec §3.9 Enums).
  return ['TRUE', 'FALSE', 'NULL'].includes(name) ? `${name}_VALUE` : name;
}

// Words that read wrong when singularised in a field name (`sms` is not a plural of `sm`).
for (const word of ['sms', 'settings', 'stats', 'status', 'access', 'analytics']) pluralize.addUncountableRule(word);

export function singular(word: string): string {
  return pluralize.singular(word);
}

export function plural(word: string): string {
  return pluralize.plural(word);
}

/** Ensures uniqueness inside one namespace by suffixing 2, 3 … deterministically. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  has(name: string): boolean {
    return this.taken.has(name);
  }

  claim(preferred: string): string {
    let name = preferred;
    for (let i = 2; this.taken.has(name); i++) name = `${preferred}${i}`;
    this.taken.add(name);
    return name;
  }
}
