import { type GraphQLType, getNamedType, isInputObjectType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/schema/generate.js';
import { buildReport, formatReport } from '../../src/schema/report.js';
import { SPEC_FILE } from '../../src/paths.js';

const result = generate(SPEC_FILE);
const report = buildReport(result);

/** Reads a JSON pointer (`#/components/schemas/X/properties/y`) in the spec. */
function at(pointer: string): unknown {
  return pointer.slice(2).split('/').reduce<unknown>((node, raw) => {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }, result.ctx.doc);
}

describe('JSON is rare, and every use says why', () => {
  it('keeps fallbacks under 5% of object-typed positions', () => {
    const { composite, json, fallback } = report.positions;
    expect(composite + json).toBeGreaterThan(1500);
    expect(fallback / (composite + json)).toBeLessThan(0.05);
  });

  it('accounts for every JSON-typed field and argument in the schema', () => {
    // Each JSON position was recorded with a reason, as a fallback or as free-form by design.
    const positions: string[] = [];
    for (const type of Object.values(result.schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type as GraphQLType).name === 'JSON') positions.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (getNamedType(arg.type as GraphQLType).name === 'JSON') positions.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    const recorded = [...report.fallbacks, ...report.freeForm].map((f) => f.location);
    expect(positions.filter((p) => !recorded.includes(p))).toEqual([]);
    expect(positions).toHaveLength(report.positions.json);
  });

  it('points every fallback at the spec node it came from, whose shape is the one its reason names', () => {
    type Node = { $ref?: string; type?: unknown; items?: unknown; properties?: object; additionalProperties?: unknown; oneOf?: unknown[]; anyOf?: unknown[]; allOf?: unknown[] };
    // Follows $refs, and nullable wrappers (`oneOf: [X, {type: null}]`) to X.
    const deref = (node: unknown): Node => {
      let current = node as Node;
      for (let i = 0; i < 20; i++) {
        if (current?.$ref) current = at(current.$ref) as Node;
        else {
          const members = (current?.oneOf ?? current?.anyOf)?.filter((m) => (m as Node).type !== 'null');
          if (members?.length !== 1) break;
          current = members[0] as Node;
        }
      }
      return current;
    };
    const checked = new Map<string, number>();
    for (const entry of [...report.fallbacks, ...report.freeForm]) {
      const where = `${entry.location} → ${entry.pointer}: ${entry.reason}`;
      const raw = at(entry.pointer);
      expect(raw, where).toBeDefined();
      // A JSON list item is reported at its list: the reason is about the items.
      const outer = deref(raw);
      const node = [outer.type].flat().includes('array') ? deref(outer.items) : outer;
      const kind = /^(oneOf|anyOf) mixes/.exec(entry.reason)?.[1];
      if (kind) {
        // Members of more than one kind, as the reason lists them.
        const members = (node[kind as 'oneOf' | 'anyOf'] ?? []).map(deref);
        expect(members.length, where).toBeGreaterThan(1);
        const kindOf = (m: Node) => {
          const type = [m.type ?? 'object'].flat().filter((t) => t !== 'null').join();
          return m.properties && Object.keys(m.properties).length > 0 ? 'object' : type === 'object' ? 'free-form object' : type;
        };
        expect(new Set(members.map(kindOf)).size, where).toBeGreaterThan(1);
      } else if (entry.reason.includes('open input') || entry.reason.includes('open object')) {
        // `extra` on an input or output type whose schema admits further properties.
        expect(outer.additionalProperties === true || typeof outer.additionalProperties === 'object', where).toBe(true);
      } else if (entry.reason.startsWith('free-form object')) {
        expect(node.properties === undefined || Object.keys(node.properties).length === 0, where).toBe(true);
        expect([node.type ?? 'object'].flat().every((t) => t === 'object' || t === 'null'), where).toBe(true);
      } else if (entry.reason.startsWith('map:')) {
        expect(node.additionalProperties, where).toBeTruthy();
        expect(node.properties === undefined || Object.keys(node.properties).length === 0, where).toBe(true);
      } else if (entry.reason.startsWith('no type is given')) {
        expect([node.type, node.properties, node.oneOf, node.anyOf, node.allOf], where).toEqual([undefined, undefined, undefined, undefined, undefined]);
      } else if (entry.reason.startsWith('text/event-stream')) {
        expect(Object.keys((raw as { content?: object }).content ?? {}), where).toContain('text/event-stream');
      } else {
        throw new Error(`a reason this test does not know: ${where}`);
      }
      const family = entry.reason.split(/[ :(]/)[0]!;
      checked.set(family, (checked.get(family) ?? 0) + 1);
    }
    expect([...checked.keys()].sort()).toEqual(['anyOf', 'free-form', 'map', 'no', 'oneOf', 'text/event-stream']);
  });

  it('types metadata objects as JSON by design, not as a fallback', () => {
    const appMetadata = report.freeForm.find((f) => f.location === 'User.appMetadata');
    expect(appMetadata?.reason).toMatch(/free-form object/);
    expect(report.fallbacks.some((f) => f.location === 'User.appMetadata')).toBe(false);
  });

  it('prints counts, fallbacks with reasons, and edges in the report', () => {
    const text = formatReport(report);
    expect(text).toContain('Operations: 452 mapped');
    expect(text).toMatch(/JSON fallbacks \(\d+\):\n {2}\S+: .+ \[#\/.+\]/);
    expect(text).toContain('User.roles ← Query.userRoles');
  });
});
