/**
 * Descriptions that name REST-only parameters, rewritten for the graph (issue 13, "Names").
 *
 * Auth0's operation descriptions explain `page`/`per_page`/`include_totals` (offset paging),
 * `from`/`take`/`next` (checkpoint paging) and `fields`/`include_fields` (projection). None of those
 * is an argument in the graph: lists page with `first`/`after` and `totalCount`, and projection
 * follows the selection (projection.ts). On the fields of list and projecting operations (and their
 * arguments), list items and HTML `<li>`s that name them are dropped, and so are prose sentences
 * (a paragraph where most sentences do goes whole); one sentence saying what the graph does instead
 * takes their place. Runs before `buildEdges`, so the edges that repeat a root field's description
 * (`User.roles`) get the rewritten one.
 */
import type { FieldModel } from './model.js';
import type { OperationMetadata } from './metadata.js';
import type { RootFields } from './operations.js';

/** Words that only make sense on the REST call. */
export const REST_ONLY = new RegExp([
  'paginat\\w*', 'per_page', 'include_totals', 'include_fields', 'fields=\\w*', '`fields`', 'fields parameter',
  'list of fields', 'fields to include', '\\bcheckpoint\\b', '`from`', '\\*from\\*', '\\bfrom:', '\\*\\*from:?\\*\\*',
  '`take`', '\\*take\\*', '\\btake:', '\\*\\*take:?\\*\\*', '\\*\\*page:?\\*\\*', '\\bpage index\\b', '`next`', 'this parameter',
].join('|'), 'i');

const SCOPES = /\n\nRequires any of the scopes: [^\n]*$/;

export function rewriteRestDescriptions(root: RootFields): void {
  const fields = new Map<string, FieldModel>([
    ...root.query.map((f) => [`Query.${f.name}`, f] as const),
    ...root.mutation.map((f) => [`Mutation.${f.name}`, f] as const),
  ]);
  for (const operation of Object.values(root.operations)) {
    const field = fields.get(operation.coordinate);
    if (!field || (!operation.connection && !operation.projection)) continue;
    if (field.description) field.description = rewrite(field.description, graphNote(operation));
    for (const arg of field.args ?? []) if (arg.description) arg.description = rewrite(arg.description, '');
  }
}

function graphNote(operation: OperationMetadata): string {
  const notes: string[] = [];
  if (operation.connection) {
    notes.push(`In the graph this list pages with \`first\` and \`after\`${operation.connection.offset?.totals ? '; `totalCount` is fetched only when selected' : ''}.`);
  }
  if (operation.projection?.fields) notes.push('The gateway asks Auth0 only for the fields the query selects.');
  return notes.join(' ');
}

export function rewrite(description: string, note: string): string {
  const scopes = SCOPES.exec(description)?.[0] ?? '';
  const body = scopes ? description.slice(0, -scopes.length) : description;
  const paragraphs = body.split(/\n{2,}/).map((paragraph) => {
    const withoutItems = paragraph.replace(/<li>(?:(?!<\/li>).)*<\/li>/gs, (li) => (REST_ONLY.test(li) ? '' : li));
    const lines = withoutItems.split('\n').filter((line) => !(/^\s*([-*]|\d+\.)\s/.test(line) && REST_ONLY.test(line)));
    return lines.map((line) => {
      const sentences = line.split(/(?<=[.!?])\s+(?=[A-Z*_`[(-])/);
      const kept = sentences.filter((s) => !REST_ONLY.test(s));
      return kept.length * 2 < sentences.length ? '' : kept.join(' ');
    }).filter((line) => line.trim() !== '').join('\n');
  }).filter((p) => p.trim() !== '' && !/^\s*(\*\*[^*]*\*\*|[^.]*:)\s*$/.test(p.trim()) || /^\s*-/.test(p));
  // A heading or lead-in (`… the following parameters:`) whose list went away goes too.
  const cleaned = paragraphs.filter((p, i) => !(/:\**\s*$/.test(p.trim()) && (i === paragraphs.length - 1 || !/^\s*[-*<]/.test(paragraphs[i + 1]!))));
  return [...cleaned, ...(note ? [note] : [])].join('\n\n') + scopes;
}
