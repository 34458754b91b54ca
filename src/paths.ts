/** Where the project's files live, independent of the working directory. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_FILE = join(ROOT, 'spec', 'auth0-management-api.openapi.json');
/** Reviewed OpenAPI Overlays applied to the spec by the generator and the emulator alike. */
export const OVERLAY_DIR = join(ROOT, 'spec', 'overlays');
export const GENERATED_DIR = join(ROOT, 'src', 'schema', 'generated');
export const SDL_FILE = join(GENERATED_DIR, 'schema.graphql');
/** The same schema as JSON, loaded at start-up (src/schema/compact.ts). */
export const COMPACT_SCHEMA_FILE = join(GENERATED_DIR, 'schema.json');
export const SUBGRAPH_SDL_FILE = join(GENERATED_DIR, 'subgraph.graphql');
export const METADATA_FILE = join(GENERATED_DIR, 'metadata.json');
export const COVERAGE_FILE = join(ROOT, 'docs', 'emulator-coverage.md');
export const SCOPES_FILE = join(ROOT, 'docs', 'scopes.md');
export const README_FILE = join(ROOT, 'README.md');
