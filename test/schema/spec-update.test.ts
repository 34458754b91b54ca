import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SPEC_FILE } from '../../src/paths.js';
import { diffSpecs } from '../../src/schema/spec-diff.js';

// `npm run spec:update`: a supplied spec is compared with the vendored one through the generator,
// and the GraphQL changes it would cause are printed, the breaking ones marked.
describe('spec:update', () => {
  it('names removed operations, breaking and dangerous changes, additions, and overlay actions that no longer apply', () => {
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
    delete spec.paths['/roles/{id}'].delete;
    for (const name of ['Role', 'GetRoleResponseContent', 'CreateRoleResponseContent', 'UpdateRoleResponseContent']) {
      spec.components.schemas[name].properties.color = { type: 'string' };
      spec.components.schemas[name].properties.name = { type: 'integer' };
    }
    spec.components.schemas.ClientAppTypeEnum.enum.push('agent');
    const file = join(mkdtempSync(join(tmpdir(), 'spec-')), 'new.json');
    writeFileSync(file, JSON.stringify(spec));

    const diff = diffSpecs(SPEC_FILE, file);
    expect(diff.operations).toMatchObject({ before: 452, after: 451, added: [], removed: ['Mutation.deleteRole'] });
    expect(diff.breaking).toEqual(expect.arrayContaining([
      { type: 'FIELD_REMOVED', description: 'Mutation.deleteRole was removed.' },
      { type: 'FIELD_CHANGED_KIND', description: 'Role.name changed type from String to Int.' },
    ]));
    expect(diff.breaking).toHaveLength(2);
    expect(diff.dangerous).toEqual([{ type: 'VALUE_ADDED_TO_ENUM', description: 'AGENT was added to enum type ClientAppType.' }]);
    expect(diff.added).toEqual({ types: [], fields: ['Role.color'] });
    // The overlay records Auth0's answer to deleting a missing role: that action lost its target.
    expect(diff.overlayProblem).toContain("$.paths['/roles/{id}'].delete");
  }, 60_000);

  it('finds nothing between the vendored spec and itself, and exits 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'spec-update', SPEC_FILE], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Operations: 452 → 452 (0 added, 0 removed)');
    expect(run.stdout).toContain('BREAKING changes to the GraphQL schema: 0');
    expect(run.stdout).toContain('Added: 0 types, 0 fields');
    expect(run.stdout).not.toContain('overlay no longer applies');
  }, 60_000);
});
