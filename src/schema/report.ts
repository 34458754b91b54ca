/**
 * `npm run schema:report`: what the generator made of the spec, in numbers, and every place
 * typed JSON with its reason. Free-form values (metadata objects, caller-keyed maps, untyped
 * values) are JSON by design (DESIGN 3); every other JSON position is a fallback, kept rare.
 */
import {
  type GraphQLSchema, type GraphQLType, getNamedType, isEnumType, isInputObjectType, isObjectType, isScalarType, isUnionType,
} from 'graphql';
import type { GenerationResult } from './generate.js';

const BY_DESIGN = [/^free-form object/, /^map:/, /^no type is given/];

export interface SchemaReport {
  operations: { total: number; query: number; mutation: number; connections: number };
  types: Record<string, number>;
  unions: Array<{ name: string; members: string[] }>;
  edges: { subResource: number; companion: number; list: string[] };
  positions: { composite: number; json: number; freeForm: number; fallback: number; fallbackPercent: number };
  fallbacks: Array<{ location: string; reason: string; pointer: string }>;
  freeForm: Array<{ location: string; reason: string; pointer: string }>;
  warnings: string[];
}

function isByDesign(reason: string): boolean {
  return BY_DESIGN.some((pattern) => pattern.test(reason));
}

export function buildReport(result: GenerationResult): SchemaReport {
  const { schema, metadata, ctx } = result;
  const ops = Object.values(metadata.operations);
  const types: Record<string, number> = { object: 0, input: 0, enum: 0, union: 0, scalar: 0 };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) types.object!++;
    else if (isInputObjectType(type)) types.input!++;
    else if (isEnumType(type)) types.enum!++;
    else if (isUnionType(type)) types.union!++;
    else if (isScalarType(type)) types.scalar!++;
  }
  const fallbacks = ctx.fallbacks.filter((f) => !isByDesign(f.reason));
  const freeForm = ctx.fallbacks.filter((f) => isByDesign(f.reason));
  const { composite, json } = countPositions(schema);
  return {
    operations: {
      total: ops.length,
      query: ops.filter((o) => o.coordinate.startsWith('Query.')).length,
      mutation: ops.filter((o) => o.coordinate.startsWith('Mutation.')).length,
      connections: ops.filter((o) => o.result === 'connection').length,
    },
    types,
    unions: Object.entries(metadata.unions).map(([name, u]) => ({ name, members: u.members.map((m) => m.type) })),
    edges: {
      subResource: metadata.edges.filter((e) => e.kind === 'sub-resource').length,
      companion: metadata.edges.filter((e) => e.kind === 'companion').length,
      list: metadata.edges.map((e) => `${e.coordinate} ← ${e.operation}`),
    },
    positions: {
      composite, json, freeForm: freeForm.length, fallback: fallbacks.length,
      fallbackPercent: Math.round((10000 * fallbacks.length) / (composite + json)) / 100,
    },
    fallbacks,
    freeForm,
    warnings: ctx.warnings,
  };
}

/** Fields and arguments whose named type is an object, input, union or JSON: the object-typed positions. */
function countPositions(schema: GraphQLSchema): { composite: number; json: number } {
  let composite = 0;
  let json = 0;
  const count = (type: GraphQLType): void => {
    const named = getNamedType(type);
    if (named.name === 'JSON') json++;
    else if (isObjectType(named) || isInputObjectType(named) || isUnionType(named)) composite++;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      count(field.type);
      for (const arg of 'args' in field ? field.args : []) count(arg.type);
    }
  }
  return { composite, json };
}

export function formatReport(report: SchemaReport): string {
  const lines = [
    `Operations: ${report.operations.total} mapped (${report.operations.query} Query, ${report.operations.mutation} Mutation), ${report.operations.connections} as connections`,
    `Types: ${Object.entries(report.types).map(([k, v]) => `${v} ${k}`).join(', ')}`,
    `Unions: ${report.unions.length}`,
    ...report.unions.map((u) => `  ${u.name} = ${u.members.join(' | ')}`),
    `Edges: ${report.edges.subResource} sub-resource fields, ${report.edges.companion} companion entity fields`,
    `Object-typed positions: ${report.positions.composite + report.positions.json}; JSON: ${report.positions.json} ` +
      `(${report.positions.freeForm} free-form by design, ${report.positions.fallback} fallbacks = ${report.positions.fallbackPercent}%)`,
    '',
    `JSON fallbacks (${report.fallbacks.length}):`,
    ...report.fallbacks.map((f) => `  ${f.location}: ${f.reason} [${f.pointer}]`),
    '',
    `Free-form JSON by design (${report.freeForm.length}):`,
    ...report.freeForm.map((f) => `  ${f.location}: ${f.reason} [${f.pointer}]`),
    '',
    `Edges (${report.edges.list.length}):`,
    ...report.edges.list.map((e) => `  ${e}`),
  ];
  if (report.warnings.length) lines.push('', 'Warnings:', ...report.warnings.map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}
