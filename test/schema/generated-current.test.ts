import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCodegen, loadCodegenConfig } from '@graphql-codegen/cli';
import { buildSchema, introspectionFromSchema, printSchema, validateSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/schema/generate.js';
import { printCompact, schemaFromCompact } from '../../src/schema/compact.js';
import { createExecutableSchema } from '../../src/resolvers/executable-schema.js';
import { COMPACT_SCHEMA_FILE, METADATA_FILE, README_FILE, ROOT, SCOPES_FILE, SDL_FILE, SPEC_FILE, SUBGRAPH_SDL_FILE } from '../../src/paths.js';
import { readmeWithNarrowing, scopesMarkdown } from '../../src/scopes/docs.js';

const first = generate(SPEC_FILE);

describe('generated files are current and valid', () => {
  it('the committed SDL and metadata are what `npm run generate` writes now', () => {
    expect(first.sdl === readFileSync(SDL_FILE, 'utf8'), 'schema.graphql is stale: run `npm run generate`').toBe(true);
    expect(first.subgraphSdl === readFileSync(SUBGRAPH_SDL_FILE, 'utf8'), 'subgraph.graphql is stale: run `npm run generate`').toBe(true);
    expect(printCompact(first.compact) === readFileSync(COMPACT_SCHEMA_FILE, 'utf8'), 'schema.json is stale: run `npm run generate`').toBe(true);
    const metadata = `${JSON.stringify(first.metadata, null, 1)}\n`;
    expect(metadata === readFileSync(METADATA_FILE, 'utf8'), 'metadata.json is stale: run `npm run generate`').toBe(true);
  });

  it('the scope documents (docs/scopes.md, README\'s narrowing table) are current', () => {
    expect(scopesMarkdown(first.metadata) === readFileSync(SCOPES_FILE, 'utf8'), 'docs/scopes.md is stale: run `npm run generate`').toBe(true);
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readmeWithNarrowing(readme, first.metadata) === readme, 'README.md\'s narrowing table is stale: run `npm run generate`').toBe(true);
  });

  it('generating twice gives byte-identical output', () => {
    const second = generate(SPEC_FILE);
    expect(second.sdl === first.sdl).toBe(true);
    expect(JSON.stringify(second.metadata) === JSON.stringify(first.metadata)).toBe(true);
  });

  it('the compact schema the gateway starts from is the SDL\'s schema, description for description', () => {
    const fromSdl = buildSchema(first.sdl);
    const fromCompact = schemaFromCompact(first.compact);
    expect(validateSchema(fromCompact).map((e) => e.message)).toEqual([]);
    expect(printSchema(fromCompact) === printSchema(fromSdl)).toBe(true);
    const everything = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true };
    expect(introspectionFromSchema(fromCompact, everything)).toEqual(introspectionFromSchema(fromSdl, everything));
  });

  it('the SDL passes graphql-js validateSchema', () => {
    expect(validateSchema(buildSchema(first.sdl)).map((e) => e.message)).toEqual([]);
  });

  it('builds into an executable schema with @graphql-tools/schema', () => {
    const schema = createExecutableSchema();
    // 452 operations, node, nodes, me (src/schema/node-ids.ts), one lookup by a list filter (Query.connectionByName) and Mutation.importUsers (workflows.ts).
    expect(Object.keys(schema.getQueryType()!.getFields()).length + Object.keys(schema.getMutationType()!.getFields()).length).toBe(457);
  });

  it('the committed codegen outputs (resolver types, the admin screens\' client preset) are what graphql-codegen writes now', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(ROOT, 'codegen.yml') });
    const { result, error } = await executeCodegen({ ...config, cwd: ROOT, silent: true });
    expect(error).toBeNull();
    const names = result.map((output) => output.filename).sort();
    expect(names).toEqual([
      'examples/admin-screens/gql/gql.ts',
      'examples/admin-screens/gql/graphql.ts',
      'examples/admin-screens/gql/index.ts',
      'src/schema/generated/resolvers-types.ts',
    ]);
    for (const output of result) {
      const committed = readFileSync(join(ROOT, output.filename), 'utf8');
      expect(output.content === committed, `${output.filename} is stale: run \`npm run generate\``).toBe(true);
    }
  }, 60_000);
});
