/**
 * Root field names from `x-operation-group` + `x-operation-name` (DESIGN 1).
 *
 * `users` + `list` → `users`; `users` + `get` → `user`; `users` + `create` → `createUser`;
 * `[users, roles]` + `assign` → `assignUserRoles`; `[organizations]` + `getByName` →
 * `organizationByName`. Group words before the last are singular (`/users/{id}/roles` is a user's
 * roles); the last is singular when it names one item (a `{param}` follows it in the path, or the
 * verb creates one) and plural otherwise. GET verbs `get`/`list` vanish, as in hand-written schemas.
 */
import { plural, singular } from './names.js';
import type { SpecOperation } from './spec.js';

/** Hand-picked names where the rule above reads worse than a person would write. */
export const NAME_OVERRIDES: Record<string, string> = {
  'get_users-by-email': 'usersByEmail',
  get_signing_keys: 'signingKeys',
  get_signing_key: 'signingKey',
  get_encryption_keys: 'encryptionKeys',
  get_encryption_key: 'encryptionKey',
  'post_email-verification': 'createEmailVerificationTicket',
  'post_password-change': 'createPasswordChangeTicket',
};

const READ_VERBS = new Set(['get', 'list']);

export function operationFieldName(operation: SpecOperation): string {
  const { op, path } = operation;
  const override = NAME_OVERRIDES[op.operationId];
  if (override) return override;
  const group = Array.isArray(op['x-operation-group']) ? op['x-operation-group'] : [op['x-operation-group']];
  const [, verbRaw = '', restRaw = ''] = /^([a-z]+)(.*)$/.exec(op['x-operation-name']) ?? [];
  let verb = verbRaw;
  let rest = restRaw;
  // `deleteAll`, `updateMany`: the quantifier belongs to the verb, not after the resource.
  if (rest === 'All') { verb = `${verb}All`; rest = ''; }
  if (rest === 'Many') rest = '';

  const segments = path.split('/').filter(Boolean);
  const itemSegments = new Set<string>();
  segments.forEach((segment, i) => {
    if (segments[i + 1]?.startsWith('{')) itemSegments.add(camelSegment(segment));
  });
  const last = group.length - 1;
  // The operation acts on one item when the last `{param}` of its path follows this word.
  const paramIndex = segments.map((s) => s.startsWith('{')).lastIndexOf(true);
  const lastItemSegment = paramIndex > 0 ? camelSegment(segments[paramIndex - 1]!) : undefined;
  const phrase = group.map((word, i) => {
    if (i < last) return singularWord(word);
    const namesOneItem = (itemSegments.has(word) && lastItemSegment === word)
      || verb === 'create'
      || (rest !== '' && READ_VERBS.has(verb));
    if (namesOneItem) return singularWord(word);
    // A list reads plural even when the group word is not (`rendering` → `renderings`).
    return verb === 'list' && rest === '' ? pluralWord(word) : word;
  });
  const resource = phrase.map(upperFirst).join('');
  const isRead = operation.method === 'get' && READ_VERBS.has(verb);
  const name = isRead ? `${resource}${rest}` : `${verb}${resource}${rest}`;
  return lowerFirst(name);
}

/** Applies `change` to the last word of a camelCase compound: `emailTemplates` → `emailTemplate`. */
function lastWord(word: string, change: (w: string) => string): string {
  const match = /^(.*?)([A-Z]?[a-z0-9]+)$/.exec(word);
  if (!match) return word;
  const [, head = '', tail = ''] = match;
  const changed = change(tail.toLowerCase());
  return head + (tail[0] === tail[0]?.toUpperCase() ? upperFirst(changed) : changed);
}

const singularWord = (word: string) => lastWord(word, singular);
const pluralWord = (word: string) => lastWord(word, plural);

function camelSegment(segment: string): string {
  return segment.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
