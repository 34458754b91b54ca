/** Loads the committed generated artifacts: start-up never reads the 3.7 MB spec, nor parses SDL. */
import { readFileSync } from 'node:fs';
import type { CompactSchema } from './compact.js';
import type { GeneratedMetadata } from './metadata.js';
import { COMPACT_SCHEMA_FILE, METADATA_FILE, SDL_FILE, SUBGRAPH_SDL_FILE } from '../paths.js';

export interface GeneratedArtifacts {
  /** The served schema's types (schema.json, the SDL's twin). */
  schema: CompactSchema;
  metadata: GeneratedMetadata;
}

export function loadGenerated(): GeneratedArtifacts {
  return {
    schema: JSON.parse(readFileSync(COMPACT_SCHEMA_FILE, 'utf8')) as CompactSchema,
    metadata: JSON.parse(readFileSync(METADATA_FILE, 'utf8')) as GeneratedMetadata,
  };
}

/** The served schema as SDL (schema.graphql), for readers and tools rather than start-up. */
export function loadSdl(): string {
  return readFileSync(SDL_FILE, 'utf8');
}

/** The subgraph SDL, read only when the gateway serves as a federation subgraph. */
export function loadSubgraphSdl(): string {
  return readFileSync(SUBGRAPH_SDL_FILE, 'utf8');
}
