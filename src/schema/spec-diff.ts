/**
 * `npm run spec:update -- <new spec file>`: what a newly supplied Management API spec would change
 * in the GraphQL schema, before it replaces the vendored one. Nothing is fetched: the file is one
 * the operator downloaded. Both specs go through the generator with the overlay; graphql-js judges
 * the changes (breaking: a field or type removed, a type narrowed, an argument made required;
 * dangerous: an enum value or an optional argument added), and additions are listed beside them.
 */
import { findBreakingChanges, findDangerousChanges, type GraphQLSchema, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { generate, type GenerationResult } from './generate.js';

export interface SpecDiff {
  operations: { before: number; after: number; added: string[]; removed: string[] };
  breaking: Array<{ type: string; description: string }>;
  dangerous: Array<{ type: string; description: string }>;
  added: { types: string[]; fields: string[] };
  /** Set when the overlay no longer applies to the new spec: both were compared without it. */
  overlayProblem?: string;
}

export function diffSpecs(currentSpec: string, newSpec: string, overlayDir?: string): SpecDiff {
  let before: GenerationResult;
  let after: GenerationResult;
  let overlayProblem: string | undefined;
  try {
    before = generate(currentSpec, overlayDir);
    after = generate(newSpec, overlayDir);
  } catch (error) {
    // An overlay action whose target is gone is itself news for the reviewer.
    overlayProblem = error instanceof Error ? error.message : String(error);
    before = generate(currentSpec, null);
    after = generate(newSpec, null);
  }
  const ops = (r: GenerationResult) => new Set(Object.keys(r.metadata.operations));
  const [was, now] = [ops(before), ops(after)];
  return {
    operations: {
      before: was.size, after: now.size,
      added: [...now].filter((o) => !was.has(o)).sort(), removed: [...was].filter((o) => !now.has(o)).sort(),
    },
    breaking: findBreakingChanges(before.schema, after.schema).map(({ type, description }) => ({ type, description })),
    dangerous: findDangerousChanges(before.schema, after.schema).map(({ type, description }) => ({ type, description })),
    added: additions(before.schema, after.schema),
    ...(overlayProblem ? { overlayProblem } : {}),
  };
}

function additions(before: GraphQLSchema, after: GraphQLSchema): SpecDiff['added'] {
  const types: string[] = [];
  const fields: string[] = [];
  for (const [name, type] of Object.entries(after.getTypeMap())) {
    if (name.startsWith('__')) continue;
    const old = before.getType(name);
    if (!old) {
      types.push(name);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && (isObjectType(old) || isInterfaceType(old) || isInputObjectType(old))) {
      const known = old.getFields();
      for (const field of Object.keys(type.getFields())) if (!(field in known)) fields.push(`${name}.${field}`);
    }
  }
  return { types: types.sort(), fields: fields.sort() };
}

export function formatSpecDiff(diff: SpecDiff): string {
  const lines: string[] = [];
  const { operations: o } = diff;
  lines.push(`Operations: ${o.before} → ${o.after} (${o.added.length} added, ${o.removed.length} removed)`);
  for (const id of o.added) lines.push(`  + ${id}`);
  for (const id of o.removed) lines.push(`  - ${id}`);
  if (diff.overlayProblem) lines.push('', `The overlay no longer applies to the new spec (compared without it): ${diff.overlayProblem}`);
  lines.push('', `BREAKING changes to the GraphQL schema: ${diff.breaking.length}`);
  for (const c of diff.breaking) lines.push(`  ! ${c.type}: ${c.description}`);
  lines.push('', `Dangerous changes (clients may need to handle new values): ${diff.dangerous.length}`);
  for (const c of diff.dangerous) lines.push(`  ~ ${c.type}: ${c.description}`);
  lines.push('', `Added: ${diff.added.types.length} types, ${diff.added.fields.length} fields`);
  for (const t of diff.added.types) lines.push(`  + type ${t}`);
  for (const f of diff.added.fields) lines.push(`  + ${f}`);
  return `${lines.join('\n')}\n`;
}
