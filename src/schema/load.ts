/** Loads the committed generated artifacts: start-up never reads the 3.7 MB spec. */
import { readFileSync } from 'node:fs';
import type { GeneratedMetadata } from './metadata.js';
import { METADATA_FILE, SDL_FILE, SUBGRAPH_SDL_FILE } from '../paths.js';

export interface GeneratedArtifacts {
  typeDefs: string;
  metadata: GeneratedMetadata;
}

export function loadGenerated(): GeneratedArtifacts {
  return {
    typeDefs: readFileSync(SDL_FILE, 'utf8'),
    metadata: JSON.parse(readFileSync(METADATA_FILE, 'utf8')) as GeneratedMetadata,
  };
}

/** The subgraph SDL, read only when the gateway serves as a federation subgraph. */
export function loadSubgraphSdl(): string {
  return readFileSync(SUBGRAPH_SDL_FILE, 'utf8');
}
