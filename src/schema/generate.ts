/**
 * The generator: spec → SDL + metadata, as a chain of named steps
 * (read → apply overlays (spec/overlays/*.overlay.json) → alias shapes → operations (types on demand) →
 * drop projection arguments → rewrite REST-only descriptions → edges → settle type names → symmetric types →
 * node ids → user profile → lookups → open inputs → workflows → nullability → describe core types →
 * interfaces for unions whose members share fields → emit SDL, and the same schema as compact JSON for start-up).
 * Deterministic: the same spec gives byte-identical output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GenContext } from './context.js';
import { type CompactSchema, compactFromSdl, printCompact } from './compact.js';
import { ConnectionBuilder } from './connections.js';
import { buildEdges } from './edges.js';
import { buildLookups } from './lookups.js';
import { openInputs } from './open-inputs.js';
import { modelToSchema, printSdl } from './emit-sdl.js';
import { printSubgraphSdl } from './federation.js';
import type { GeneratedMetadata } from './metadata.js';
import { buildOperations } from './operations.js';
import { addNodeIds } from './node-ids.js';
import { symmetricTypes } from './symmetric.js';
import { addUserProfile } from './user-profile.js';
import { dropProjectionArguments } from './projection.js';
import { rewriteRestDescriptions } from './rest-descriptions.js';
import { settleTypeNames } from './type-names.js';
import { describeCoreTypes } from './core-descriptions.js';
import { applyNullability, presenceEvidence } from './nullability.js';
import { interfacesForUnions } from './union-interfaces.js';
import { aliasResponseShapes } from './shapes.js';
import { loadSpecWithOverlays } from './overlay.js';
import { OVERLAY_DIR } from '../paths.js';
import { TypeConverter } from './types.js';
import { addWorkflows } from './workflows.js';
import type { GraphQLSchema } from 'graphql';

export interface GenerationResult {
  sdl: string;
  /** The SDL's schema as JSON, which the gateway loads at start-up (compact.ts). */
  compact: CompactSchema;
  /** The same schema as an Apollo Federation v2.5 subgraph (federation.ts). */
  subgraphSdl: string;
  metadata: GeneratedMetadata;
  schema: GraphQLSchema;
  ctx: GenContext;
}

export function generate(specFile: string, overlayDir: string | null = OVERLAY_DIR): GenerationResult {
  const raw = readFileSync(specFile);
  const { doc, overlays } = loadSpecWithOverlays(specFile, overlayDir);
  const ctx = new GenContext(doc);
  aliasResponseShapes(ctx);
  const types = new TypeConverter(ctx);
  const root = buildOperations(ctx, types, new ConnectionBuilder(ctx));
  dropProjectionArguments(root);
  rewriteRestDescriptions(root);
  const { entities, edges } = buildEdges(ctx, root);
  settleTypeNames(ctx, root, entities, edges);
  const symmetric = symmetricTypes(ctx, types, root.operations);
  addNodeIds(ctx, root, entities);
  addUserProfile(ctx);
  const lookups = buildLookups(root);
  const open = openInputs(ctx);
  const workflows = addWorkflows(ctx, root, edges, entities);
  applyNullability(ctx, root, presenceEvidence(overlays));
  describeCoreTypes(ctx);
  interfacesForUnions(ctx);
  const schema = modelToSchema(ctx.types, root.query, root.mutation);

  const metadata: GeneratedMetadata = {
    spec: { title: ctx.doc.info.title, version: ctx.doc.info.version, sha256: createHash('sha256').update(raw).digest('hex') },
    overlays: overlays.map((o) => ({ file: o.file, sha256: o.sha256, actions: o.overlay.actions.length })),
    operations: sortKeys(root.operations),
    fieldWireNames: {},
    enums: {},
    unions: {},
    oneOfInputs: [],
    scalarUnions: {},
    entities: sortKeys(Object.fromEntries(Object.values(entities).map((e) => [e.type, { key: e.key, getOperation: e.getOperation }]))),
    edges: edges.sort((a, b) => a.coordinate.localeCompare(b.coordinate)),
    lookups,
    openInputs: open,
    openOutputs: symmetric.openOutputs,
    workflows: sortKeys(workflows),
  };
  for (const type of [...ctx.types.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.kind === 'object' || type.kind === 'input') {
      const renamed = Object.fromEntries(type.fields.filter((f) => f.wire).map((f) => [f.name, f.wire!]));
      if (Object.keys(renamed).length) metadata.fieldWireNames[type.name] = renamed;
      if (type.kind === 'input' && type.oneOf) metadata.oneOfInputs.push(type.name);
    } else if (type.kind === 'enum') {
      metadata.enums[type.name] = Object.fromEntries(type.values.map((v) => [v.name, v.wire]));
    } else if (type.kind === 'union' || (type.kind === 'interface' && type.members)) {
      // An interface standing for a union resolves its members as the union did; Node and
      // UserProfile are resolved by their own code (node.ts) or never returned as such.
      metadata.unions[type.name] = { members: type.members!, ...(type.discriminator ? { discriminator: type.discriminator } : {}) };
    } else if (type.kind === 'scalar' && type.accepts) {
      metadata.scalarUnions[type.name] = type.accepts;
    }
  }
  const header = [
    '# Generated by `npm run generate` from spec/auth0-management-api.openapi.json. Do not edit.',
    `# Auth0 Management API ${ctx.doc.info.version}, spec sha256 ${metadata.spec.sha256.slice(0, 16)}; the spec is Auth0's, under MIT (spec/NOTICE.md).`,
    ...metadata.overlays.map((o) => `# With overlay spec/overlays/${o.file} (${o.actions} actions, sha256 ${o.sha256.slice(0, 16)}).`),
  ].join('\n');
  const sdl = printSdl(schema, header);
  return { sdl, compact: compactFromSdl(sdl), subgraphSdl: printSubgraphSdl(sdl, metadata, header), metadata, schema, ctx };
}

export function writeGenerated(result: GenerationResult, outDir: string): string[] {
  const files: Array<[string, string]> = [
    [join(outDir, 'schema.graphql'), result.sdl],
    [join(outDir, 'schema.json'), printCompact(result.compact)],
    [join(outDir, 'subgraph.graphql'), result.subgraphSdl],
    [join(outDir, 'metadata.json'), `${JSON.stringify(result.metadata, null, 1)}\n`],
  ];
  for (const [file, content] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return files.map(([file]) => file);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
