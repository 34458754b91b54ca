import { type GraphQLSchema, isNonNullType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadSpec, type SpecOperation } from '../../src/schema/spec.js';
import { loadGenerated } from '../../src/schema/load.js';
import { schemaFromCompact } from '../../src/schema/compact.js';
import { SPEC_FILE } from '../../src/paths.js';
import { camelCase } from '../../src/schema/names.js';
import type { GeneratedMetadata, OperationMetadata } from '../../src/schema/metadata.js';

// Walks the spec itself (not the generator's view of it) and checks every operation against the
// committed schema and metadata.
const doc = loadSpec(SPEC_FILE);
const operations = listOperations(doc);
let metadata: GeneratedMetadata;
let byOperationId: Map<string, OperationMetadata[]>;
let schema: GraphQLSchema;

beforeAll(() => {
  const generated = loadGenerated();
  metadata = generated.metadata;
  schema = schemaFromCompact(generated.schema);
  byOperationId = new Map();
  for (const op of Object.values(metadata.operations)) {
    byOperationId.set(op.operationId, [...(byOperationId.get(op.operationId) ?? []), op]);
  }
});

function fieldOf(coordinate: string) {
  const [root, name] = coordinate.split('.') as [string, string];
  const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return type?.getFields()[name];
}

describe('every operation of the spec is one root field', () => {
  it('the spec has the 452 operations the project was built for', () => {
    expect(operations).toHaveLength(452);
  });

  it('maps each operationId to exactly one field, GET on Query and the rest on Mutation', () => {
    const problems: string[] = [];
    for (const { op, method } of operations) {
      const mapped = byOperationId.get(op.operationId) ?? [];
      if (mapped.length !== 1) { problems.push(`${op.operationId}: ${mapped.length} fields`); continue; }
      const meta = mapped[0]!;
      const root = meta.coordinate.split('.')[0];
      if (root !== (method === 'get' ? 'Query' : 'Mutation')) problems.push(`${op.operationId} on ${root}`);
      if (!fieldOf(meta.coordinate)) problems.push(`${op.operationId}: ${meta.coordinate} missing from the SDL`);
    }
    expect(problems).toEqual([]);
    expect(Object.keys(metadata.operations)).toHaveLength(452);
  });

  it('records method and path as the spec has them', () => {
    for (const { op, method, path } of operations) {
      const meta = byOperationId.get(op.operationId)![0]!;
      expect({ method: meta.method, path: meta.path }).toEqual({ method: method.toUpperCase(), path });
    }
  });

  it('gives every path, query and header parameter an argument, a place in first/after, or (fields, include_fields) the selection', () => {
    const problems: string[] = [];
    for (const { op } of operations) {
      const meta = byOperationId.get(op.operationId)![0]!;
      const field = fieldOf(meta.coordinate)!;
      const argNames = new Set(field.args.map((a) => a.name));
      const wireToArg = new Map(Object.entries(meta.args).map(([arg, a]) => [`${a.in}:${a.wire}`, arg]));
      for (const param of op.parameters ?? []) {
        const consumed = meta.connection?.consumed.includes(param.name);
        const arg = wireToArg.get(`${param.in}:${param.name}`);
        // Projection is the gateway's job: `fields` is filled from the selection (projection.ts).
        if (param.in === 'query' && Object.values(meta.projection ?? {}).includes(param.name)) {
          if (argNames.has(camelCase(param.name))) problems.push(`${op.operationId}: ${param.name} is still an argument`);
          continue;
        }
        if (consumed) {
          if (!argNames.has('first') || !argNames.has('after')) problems.push(`${op.operationId}: ${param.name} consumed without first/after`);
          continue;
        }
        if (!arg || !argNames.has(arg)) { problems.push(`${op.operationId}: no argument for ${param.in} ${param.name}`); continue; }
        const type = field.args.find((a) => a.name === arg)!.type;
        if ((param.required || param.in === 'path') && !isNonNullType(type)) problems.push(`${op.operationId}: ${arg} should be required`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every request body an input argument (multipart: one argument per form field)', () => {
    const problems: string[] = [];
    for (const { op } of operations as SpecOperation[]) {
      if (!op.requestBody) continue;
      const meta = byOperationId.get(op.operationId)![0]!;
      const field = fieldOf(meta.coordinate)!;
      if (!meta.body) { problems.push(`${op.operationId}: body not mapped`); continue; }
      const expected = meta.body.kind === 'json' ? [meta.body.arg!] : Object.keys(meta.body.fields ?? {});
      for (const name of expected) if (!field.args.some((a) => a.name === name)) problems.push(`${op.operationId}: no ${name}`);
      if (meta.body.kind === 'multipart') {
        expect(Object.values(meta.body.fields!)).toEqual(expect.arrayContaining(['users', 'connection_id']));
        expect(String(field.args.find((a) => a.name === 'users')!.type)).toBe('Upload!');
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no two operations competing for one field name', () => {
    const coordinates = Object.values(metadata.operations).map((o) => o.coordinate);
    expect(new Set(coordinates).size).toBe(coordinates.length);
    // A collision resolved by a numeric suffix would also be a failure of naming.
    expect(coordinates.filter((c) => /\d$/.test(c) && !/V\d$/.test(c))).toEqual([]);
  });

  it('carries the scopes the spec lists for each operation', () => {
    for (const { op } of operations) {
      const listed = op.security?.find((s) => s.oAuth2ClientCredentials)?.oAuth2ClientCredentials ?? [];
      expect(byOperationId.get(op.operationId)![0]!.scopes).toEqual(listed);
    }
  });
});
