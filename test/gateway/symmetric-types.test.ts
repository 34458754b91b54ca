import { type GraphQLNamedType, type GraphQLObjectType, getNamedType, isInputObjectType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// What is typed on input is typed on output, under the same names: a connection's options are
// read as `ConnectionPropertiesOptions` and written back as the same shape (issue 13).
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.emulator.issueToken(['read:connections', 'read:connections_options']);
});
afterAll(async () => h.close());

/** Every field of an output type, nested objects included (cycles cut). */
function fullSelection(type: GraphQLNamedType, seen: string[] = []): string {
  if (!isObjectType(type) || seen.includes(type.name)) return '';
  const fields = Object.values(type.getFields()).filter((f) => f.args.length === 0).map((f) => {
    const inner = getNamedType(f.type);
    if (isObjectType(inner)) {
      const nested = fullSelection(inner, [...seen, type.name]);
      return nested ? `${f.name} ${nested}` : '';
    }
    return f.name;
  }).filter(Boolean);
  return `{ ${fields.join(' ')} }`;
}

describe('symmetric types', () => {
  it('reads a connection\'s strategy and options with the types it writes them with, field for field', () => {
    const schema = h.gateway.runtime.schema;
    const connection = schema.getType('Connection') as GraphQLObjectType;
    const create = schema.getType('CreateConnectionInput');
    const update = schema.getType('UpdateConnectionInput');
    if (!isInputObjectType(create) || !isInputObjectType(update)) throw new Error('connection inputs missing');
    expect(getNamedType(connection.getFields().strategy!.type).name).toBe(getNamedType(create.getFields().strategy!.type).name);
    // Output X and input XInput hold the same fields, all the way down.
    const mismatches: string[] = [];
    const compare = (output: GraphQLNamedType, input: GraphQLNamedType, path: string): void => {
      if (!isObjectType(output) || !isInputObjectType(input)) return;
      const outFields = Object.keys(output.getFields()).sort();
      const inFields = Object.keys(input.getFields()).sort();
      if (outFields.join() !== inFields.join()) mismatches.push(`${path}: ${output.name} {${outFields}} ≠ ${input.name} {${inFields}}`);
      for (const name of outFields) {
        const inField = input.getFields()[name];
        if (inField) compare(getNamedType(output.getFields()[name]!.type), getNamedType(inField.type), `${path}.${name}`);
      }
    };
    const options = getNamedType(connection.getFields().options!.type);
    expect(options.name).toBe('ConnectionPropertiesOptions');
    compare(options, getNamedType(create.getFields().options!.type), 'createConnection.options');
    compare(options, getNamedType(update.getFields().options!.type), 'updateConnection.options');
    expect(mismatches).toEqual([]);
  });

  it('round-trips options: read, edit, write the same shape, read back; what the type does not declare rides in extra', async () => {
    const options = h.gateway.runtime.schema.getType('ConnectionPropertiesOptions')!;
    const selection = fullSelection(options);
    const read = await h.query(`{ connectionByName(name: "Username-Password-Authentication") { connectionId strategy options ${selection} } }`);
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    const connection = read.data!.connectionByName as { connectionId: string; strategy: string; options: Record<string, any> };
    expect(connection.strategy).toBe('AUTH0');
    // Typed values with GraphQL names and enums; the strategy-specific rest as Auth0 spells it.
    expect(connection.options.passwordPolicy).toMatch(/^[A-Z_]+$/);
    expect(connection.options.extra).toMatchObject({ brute_force_protection: true });
    for (const key of Object.keys(connection.options.extra ?? {})) expect(Object.keys(connection.options)).not.toContain(key);

    const edited = { ...connection.options, passwordPolicy: 'EXCELLENT', passwordHistory: { enable: true, size: 7 } };
    h.resetCalls();
    const written = await h.query(`mutation ($id: ID!, $options: UpdateConnectionOptionsInput) { updateConnection(id: $id, input: { options: $options }) { options ${selection} } }`,
      { id: connection.connectionId, options: edited });
    expect(written.errors, JSON.stringify(written.errors)).toBeUndefined();
    expect(h.emulator.stats().byOperation).toEqual({ patch_connections_by_id: 1 });
    const strip = (value: unknown): unknown => (Array.isArray(value) ? value.map(strip)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, strip(v)])) : value);
    expect(strip(written.data!.updateConnection.options)).toEqual(strip(edited));

    // On the wire: Auth0's own names and values, the extra properties kept as they were.
    const wire = await (await fetch(`${h.emulator.url}/api/v2/connections/${connection.connectionId}`, { headers: { authorization: `Bearer ${admin}` } })).json() as { options: Record<string, unknown> };
    expect(wire.options).toMatchObject({ passwordPolicy: 'excellent', password_history: { enable: true, size: 7 }, brute_force_protection: true });
    expect(wire.options).not.toHaveProperty('extra');
  });
});
