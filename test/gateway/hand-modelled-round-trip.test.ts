import {
  type GraphQLInputType, type GraphQLSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specIndex } from '../../src/emulator/spec-index.js';
import { camelCase } from '../../src/schema/names.js';
import type { GeneratedMetadata } from '../../src/schema/metadata.js';
import { captureIds, handModelledSteps, type Step } from '../support/hand-modelled-steps.js';
import { type Harness, startHarness } from '../support/harness.js';
import { selection } from '../support/selection.js';

// The same calls as the emulator's schema test, made as GraphQL through the gateway: every
// operation of the hand-modelled resources, queries and mutations, round-trips.
let h: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Jobs complete on their first read: no waiting for the emulator's job duration.
  h = await startHarness({ emulator: { jobDurationMs: 0 } });
  const { data } = await h.query('{ users(first: 1) { nodes { userId } } connections(first: 1) { nodes { connectionId } } logs(first: 1) { nodes { logId } } }');
  ids.seedUser = data!.users.nodes[0].userId;
  ids.seedConnection = data!.connections.nodes[0].connectionId;
  ids.log = data!.logs.nodes[0].logId;
  const { data: more } = await h.query('{ connections(strategy: [SAMLP], first: 1) { nodes { id } } }');
  ids.enterprise = more!.connections.nodes[0].id;
  const created = await h.query('mutation { createConnection(input: { name: "round-trip-workspace", strategy: GOOGLE_APPS }) { id } }');
  ids.workspace = created.data!.createConnection.id;
});

afterAll(async () => {
  await h.close();
});

/** Wire value → GraphQL variable value: camelCase input fields, enum names for wire values. */
function fromWire(value: unknown, type: GraphQLInputType, metadata: GeneratedMetadata): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return fromWire(value, type.ofType, metadata);
  if (isListType(type)) return (Array.isArray(value) ? value : String(value).split(',')).map((v) => fromWire(v, type.ofType, metadata));
  if (isEnumType(type)) return Object.entries(metadata.enums[type.name] ?? {}).find(([, wire]) => wire === value)?.[0] ?? value;
  if (isScalarType(type)) {
    if (typeof value !== 'string') return value;
    if (type.name === 'Int' || type.name === 'Float') return Number(value);
    if (type.name === 'Boolean') return value === 'true';
    return value;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const byWire = new Map(Object.keys(fields).map((name) => [metadata.fieldWireNames[type.name]?.[name] ?? name, name]));
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([wire, v]) => {
      const name = byWire.get(wire) ?? camelCase(wire);
      return [name, fromWire(v, fields[name]!.type, metadata)];
    }));
  }
  return value;
}

function translate(step: Step, schema: GraphQLSchema, metadata: GeneratedMetadata) {
  const [operationId, method, path, body] = step;
  const url = new URL(path(), 'http://x');
  const matched = specIndex().match(method, url.pathname)!;
  const meta = Object.values(metadata.operations).find((o) => o.operationId === operationId)!;
  const [root, name] = meta.coordinate.split('.') as [string, string];
  const field = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name]!;
  const variables: Record<string, unknown> = {};
  for (const [arg, wire] of Object.entries(meta.args)) {
    const raw = wire.in === 'path' ? matched.params[wire.wire] : url.searchParams.getAll(wire.wire);
    if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) continue;
    const type = field.args.find((a) => a.name === arg)!.type;
    variables[arg] = fromWire(Array.isArray(raw) && !isListType(isNonNullType(type) ? type.ofType : type) ? raw[0] : raw, type, metadata);
  }
  if (meta.body?.kind === 'json' && body) variables[meta.body.arg!] = fromWire(body(), field.args.find((a) => a.name === meta.body!.arg)!.type, metadata);
  const declared = Object.keys(variables).map((arg) => `$${arg}: ${String(field.args.find((a) => a.name === arg)!.type)}`);
  const used = Object.keys(variables).map((arg) => `${arg}: $${arg}`);
  const query = `${root === 'Query' ? 'query' : 'mutation'}${declared.length ? ` (${declared.join(', ')})` : ''} { ${name}${used.length ? `(${used.join(', ')})` : ''} ${selection(field.type)} }`;
  return { query, variables, field: name, returns: getNamedType(field.type).name };
}

async function upload(step: Step, name: string): Promise<{ data?: any; errors?: unknown[] }> {
  const form = step[4]!();
  const body = new FormData();
  body.append('operations', JSON.stringify({
    query: `mutation ($users: Upload!, $connectionId: String!) { ${name}(users: $users, connectionId: $connectionId) { id status type } }`,
    variables: { users: null, connectionId: form.get('connection_id') },
  }));
  body.append('map', JSON.stringify({ 0: ['variables.users'] }));
  body.append('0', form.get('users') as Blob, 'users.json');
  const response = await h.gateway.app.fetch('http://gateway.test/graphql', { method: 'POST', body, headers: { 'graphql-require-preflight': '1' } });
  return response.json() as Promise<{ data?: any; errors?: unknown[] }>;
}

describe('hand-modelled operations through the gateway', () => {
  it('runs every one of them as GraphQL without an error', async () => {
    const { schema, metadata } = h.gateway.runtime;
    const failures: string[] = [];
    let ran = 0;
    for (const step of handModelledSteps(ids)) {
      const operationId = step[0];
      let result: { data?: any; errors?: unknown[] };
      let field: string;
      if (step[4]) {
        field = 'createJobUsersImport';
        result = await upload(step, field);
      } else {
        const translated = translate(step, schema, metadata);
        field = translated.field;
        result = await h.query(translated.query, translated.variables);
      }
      ran++;
      if (result.errors) { failures.push(`${operationId}: ${JSON.stringify(result.errors).slice(0, 300)}`); continue; }
      const value = result.data?.[field];
      // A wire `id` is the Auth0 key (`roleId`…), not the Node `id` (src/schema/node-ids.ts).
      const returned = getNamedType((schema.getQueryType()!.getFields()[field] ?? schema.getMutationType()!.getFields()[field])!.type).name;
      const named = (wire: string) => Object.entries(metadata.fieldWireNames[returned] ?? {}).find(([name, w]) => w === wire && name !== 'id')?.[0] ?? camelCase(wire);
      captureIds(operationId, (wire) => value?.[named(wire)], ids);
      if (operationId === 'get_jobs_by_id') expect(value.status).toBe('completed');
    }
    expect(failures).toEqual([]);
    expect(ran).toBe(handModelledSteps(ids).length);
  }, 60_000);
});
