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

  it('points every fallback at the spec node it came from', () => {
    for (const entry of [...report.fallbacks, ...report.freeForm]) {
      expect(entry.reason.length, entry.location).toBeGreaterThan(10);
      expect(at(entry.pointer), `${entry.location} → ${entry.pointer}`).toBeDefined();
    }
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
