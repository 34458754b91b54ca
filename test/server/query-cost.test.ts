import fc from 'fast-check';
import {
  type GraphQLField, type GraphQLObjectType, getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType, parse,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCoster } from '../../src/server/query-cost.js';
import { type Harness, startHarness } from '../support/harness.js';

// The cost of a query is an upper bound on its upstream calls, computed before any call: checked
// here against the calls the emulator actually received.
let h: Harness;
let coster: QueryCoster;

beforeAll(async () => {
  h = await startHarness({ limits: { maxCost: 1_000_000, maxUpstreamCalls: 1_000_000, maxDepth: 40 } });
  const { runtime } = h.gateway;
  coster = new QueryCoster(runtime.schema, runtime.metadata, { defaultFirst: runtime.limits.defaultPageSize, maxFirst: runtime.limits.maxConnectionItems, views: runtime, plannedEdges: new Set(runtime.inversePlans.keys()), callsPerLookup: (type) => runtime.callsPerLookup(type) });
});

afterAll(async () => {
  await h.close();
});

const estimate = (query: string, variables?: Record<string, unknown>) => coster.estimate(parse(query), undefined, variables);

describe('the cost counts what can call', () => {
  it('counts a variable\'s default, not the page size it stands in for', () => {
    const query = 'query ($n: Int = 1000) { users(first: $n) { nodes { roles(first: 100) { nodes { name } } } } }';
    // 10 pages of users; each user's roles: a page, and one more since the planner may probe the
    // inverse (roles → their users) before it chooses.
    expect(estimate(query)).toBe(10 + 1000 * 2);
    expect(estimate(query, { n: 2 })).toBe(1 + 2 * 2);
  });

  it('refuses the variable-default query before any call', async () => {
    const strict = await startHarness();
    try {
      strict.resetCalls();
      const { errors, status } = await strict.query('query ($n: Int = 1000) { users(first: $n) { nodes { roles(first: 100) { nodes { name } } } } }');
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 2010, maxCost: 500 });
      expect(status).toBe(400);
      expect(strict.calls()).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('counts a lookup by name as the one list call it makes', async () => {
    expect(estimate('{ connectionByName(name: "acme-saml") { id name } }')).toBe(1);
    expect(estimate('{ connectionByName(name: "acme-saml") { id clients(first: 10) { nodes { clientId } } } }')).toBe(2);
  });

  it('counts `first: 0` with totalCount as the call it makes', async () => {
    const query = '{ users(first: 0) { totalCount } }';
    expect(estimate(query)).toBe(1);
    h.resetCalls();
    const { data } = await h.query(query);
    expect(data!.users.totalCount).toBeGreaterThan(0);
    expect(h.calls()).toBe(1);
  });

  it('counts every alias, whatever its cursor', () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `u${i}: users(first: 1000, after: "${Buffer.from(`{"m":"o","i":${i}}`).toString('base64url')}") { nodes { roles(first: 100) { nodes { users(first: 100) { totalCount } } } } }`);
    const cost = estimate(`{ ${aliases.join(' ')} }`);
    expect(cost).toBeGreaterThan(60 * 1000 * 100);
  });

  it('costs connections inside fragments on union and interface members', () => {
    expect(estimate('{ ...F } fragment F on Query { roles(first: 3) { nodes { ... on Role { users(first: 2) { nodes { userId } } } } } }')).toBe(1 + 3);
  });

  it('costs a fragment fanned out to four levels by multiplying, not by walking every spread', () => {
    const spreads = (name: string) => Array.from({ length: 100 }, () => `...${name}`).join(' ');
    const query = `{ roles(first: 1) { nodes { ...A } } }
      fragment A on Role { ${spreads('B')} }
      fragment B on Role { ${spreads('C')} }
      fragment C on Role { ${spreads('D')} }
      fragment D on Role { users(first: 1) { nodes { userId } } }`;
    // Every spread of D counts: 100³ of them, each a call, which the limit refuses.
    expect(estimate(query)).toBe(1 + 100 ** 3);
  });

  it('refuses a fragment that spreads itself', async () => {
    const { errors } = await h.query('{ roles(first: 1) { nodes { ...A } } } fragment A on Role { users(first: 1) { nodes { userId } } ...A }');
    expect(errors?.[0]?.message).toMatch(/Cannot spread fragment "A" within itself/);
  });
});

describe('the estimate bounds the calls (property)', () => {
  /** Root fields the demo tenant fills, and their node types. */
  const ROOTS = ['users', 'roles', 'organizations', 'clients', 'connections', 'clientGrants', 'resourceServers', 'logs'];

  it('actual upstream calls ≤ estimated calls over 500 generated queries', async () => {
    const schema = h.gateway.runtime.schema;
    const edges = new Set(h.gateway.runtime.metadata.edges.map((e) => e.coordinate));
    const query = schema.getQueryType()!;
    type Gen = fc.GeneratorValue;

    const leaves = (type: GraphQLObjectType) => Object.values(type.getFields())
      .filter((f) => f.args.length === 0 && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))) && !edges.has(`${type.name}.${f.name}`));
    const callable = (type: GraphQLObjectType) => Object.values(type.getFields())
      .filter((f) => edges.has(`${type.name}.${f.name}`) && f.args.every((a) => !isNonNullType(a.type)) && isObjectType(getNamedType(f.type)));
    const fragments: string[] = [];

    const firstArg = (g: Gen, field: GraphQLField<unknown, unknown>, max: number): string => {
      if (!field.args.some((a) => a.name === 'first')) return '';
      const first = g(fc.constantFrom, null, 0, 1, 2, 3, max);
      return first === null ? '' : `first: ${first}`;
    };

    const objectSelection = (g: Gen, type: GraphQLObjectType, depth: number): string => {
      const parts: string[] = [];
      const scalars = leaves(type);
      for (let i = 0, n = g(fc.integer, { min: 1, max: 3 }); i < n && scalars.length > 0; i++) parts.push(scalars[g(fc.nat, scalars.length - 1)]!.name);
      if (depth < 3) {
        const edgeFields = callable(type);
        for (let i = 0, n = g(fc.integer, { min: 0, max: 2 }); i < n && edgeFields.length > 0; i++) {
          const field = edgeFields[g(fc.nat, edgeFields.length - 1)]!;
          const alias = g(fc.boolean) ? `a${i}_${depth}: ` : '';
          parts.push(`${alias}${fieldSelection(g, field, depth + 1, 4)}`);
        }
      }
      const body = parts.length > 0 ? parts.join(' ') : '__typename';
      const shape = g(fc.constantFrom, 'plain', 'inline', 'fragment');
      if (shape === 'inline') return `{ ... on ${type.name} { ${body} } }`;
      if (shape === 'fragment') {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${type.name} { ${body} }`);
        return `{ ...${name} ${g(fc.boolean) ? `...${name}` : ''} }`;
      }
      return `{ ${body} }`;
    };

    const fieldSelection = (g: Gen, field: GraphQLField<unknown, unknown>, depth: number, max: number): string => {
      const type = getNamedType(field.type) as GraphQLObjectType;
      const isConnection = 'pageInfo' in type.getFields();
      if (!isConnection) return `${field.name} ${objectSelection(g, type, depth)}`;
      const node = getNamedType(type.getFields().nodes!.type) as GraphQLObjectType;
      const args = firstArg(g, field, max);
      const parts = [g(fc.boolean) ? `nodes ${objectSelection(g, node, depth)}` : `edges { cursor node ${objectSelection(g, node, depth)} }`];
      if (g(fc.boolean)) parts.push('pageInfo { hasNextPage endCursor }');
      if (g(fc.boolean) && 'totalCount' in type.getFields()) parts.push('totalCount');
      return `${field.name}${args ? `(${args})` : ''} { ${parts.join(' ')} }`;
    };

    let runs = 0;
    let calledAtAll = 0;
    await fc.assert(fc.asyncProperty(fc.gen(), async (g) => {
      fragments.length = 0;
      const roots = Array.from({ length: g(fc.integer, { min: 1, max: 2 }) }, (_, i) => {
        const field = query.getFields()[ROOTS[g(fc.nat, ROOTS.length - 1)]!]!;
        return `r${i}: ${fieldSelection(g, field, 1, 10)}`;
      });
      const text = `{ ${roots.join(' ')} } ${fragments.join(' ')}`;
      const bound = estimate(text);
      h.resetCalls();
      await h.query(text);
      const calls = h.calls();
      runs++;
      if (calls > 0) calledAtAll++;
      if (calls > bound) throw new Error(`${calls} calls > estimate ${bound} for ${text}`);
    }), { numRuns: 500, seed: 20261123 });
    expect(runs).toBeGreaterThanOrEqual(500);
    // The generated queries really reach the tenant (not 500 refusals).
    expect(calledAtAll).toBeGreaterThan(400);
  });
});
