/**
 * Emit step, federation flavour (DESIGN 10): the generated SDL as an Apollo Federation v2.5
 * subgraph. Composition rules followed (Federation v2.5 directives):
 * - `@key` on every entity type with a get-by-id operation, on its wire key's field (`User` by
 *   `userId`), so other subgraphs can point at it;
 * - `@shareable` on the Relay types (`PageInfo`, connections, edges), which other subgraphs may
 *   define too;
 * - `@requiresScopes` from the spec's "any of" scopes (one inner list per scope): on root fields
 *   and edges by their operation, on entity types by their get-by-id operation, and on single
 *   properties where a narrowing scope may not read them (a summary scope never reads
 *   `clientSecret`). Limits a directive cannot say (own user only, body properties) stay the
 *   subgraph's to enforce, as it does for every call.
 * The input is the generated SDL; nothing is re-read from the spec.
 */
import {
  type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, Kind, type ObjectTypeDefinitionNode, parse, print, visit,
} from 'graphql';
import { readableBy } from '../scopes/access.js';
import { narrowingOf } from '../scopes/narrowing.js';
import type { GeneratedMetadata } from './metadata.js';

export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@requiresScopes"])';

const directive = (name: string, args: Record<string, string | string[][]>): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: name },
  arguments: Object.entries(args).map(([arg, value]) => ({
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: arg },
    value: typeof value === 'string'
      ? { kind: Kind.STRING, value }
      : { kind: Kind.LIST, values: value.map((all) => ({ kind: Kind.LIST, values: all.map((s) => ({ kind: Kind.STRING, value: s })) })) },
  })),
});

/** `@requiresScopes` for an "any of" list: each scope alone is enough. */
const anyOf = (scopes: readonly string[]) => directive('requiresScopes', { scopes: scopes.map((s) => [s]) });

/** What carries which directive, from the metadata: the one place the subgraph's policy is decided. */
export interface FederationPlan {
  keys: Map<string, string>;
  typeScopes: Map<string, string[]>;
  fieldScopes: Map<string, string[]>;
}

export function federationPlan(metadata: GeneratedMetadata): FederationPlan {
  const operations = new Map(Object.values(metadata.operations).map((o) => [o.coordinate, o]));
  const keys = new Map<string, string>();
  const typeScopes = new Map<string, string[]>();
  const fieldScopes = new Map<string, string[]>();
  for (const [type, entity] of Object.entries(metadata.entities)) {
    const renamed = Object.entries(metadata.fieldWireNames[type] ?? {}).find(([, wire]) => wire === entity.key)?.[0];
    keys.set(type, renamed ?? entity.key);
    const get = operations.get(entity.getOperation);
    if (get && get.scopes.length > 0) typeScopes.set(type, get.scopes);
  }
  for (const op of operations.values()) if (op.scopes.length > 0) fieldScopes.set(op.coordinate, op.scopes);
  for (const edge of metadata.edges) {
    const op = operations.get(edge.operation);
    if (op && op.scopes.length > 0) fieldScopes.set(edge.coordinate, op.scopes);
  }
  return { keys, typeScopes, fieldScopes };
}

/** Scopes that may read one property of an entity, when narrower than the entity's own. */
function propertyScopes(metadata: GeneratedMetadata, type: string, field: string, listed: string[]): string[] | undefined {
  const get = Object.values(metadata.operations).find((o) => o.coordinate === metadata.entities[type]?.getOperation);
  if (!get) return undefined;
  const wire = metadata.fieldWireNames[type]?.[field] ?? field;
  const readers = listed.filter((scope) => {
    const narrowing = narrowingOf(scope, get.operationId);
    return !narrowing || readableBy(narrowing, wire);
  });
  return readers.length < listed.length ? readers : undefined;
}

function isRelayType(node: ObjectTypeDefinitionNode): boolean {
  const fields = new Set((node.fields ?? []).map((f) => f.name.value));
  return node.name.value === 'PageInfo' || (fields.has('pageInfo') && fields.has('nodes')) || (fields.has('cursor') && fields.has('node'));
}

/** The subgraph SDL: the generated SDL with the federation directives, as a document. */
function federate(sdl: string, metadata: GeneratedMetadata): DocumentNode {
  const plan = federationPlan(metadata);
  const document = parse(sdl, { noLocation: true });
  return visit(document, {
    ObjectTypeDefinition(node) {
      const type = node.name.value;
      const directives: ConstDirectiveNode[] = [...(node.directives ?? [])];
      const key = plan.keys.get(type);
      if (key) directives.push(directive('key', { fields: key }));
      if (isRelayType(node)) directives.push(directive('shareable', {}));
      const typeScopes = plan.typeScopes.get(type);
      if (typeScopes) directives.push(anyOf(typeScopes));
      const fields = (node.fields ?? []).map((field): FieldDefinitionNode => {
        const scopes = plan.fieldScopes.get(`${type}.${field.name.value}`)
          ?? (typeScopes ? propertyScopes(metadata, type, field.name.value, typeScopes) : undefined);
        return scopes ? { ...field, directives: [...(field.directives ?? []), anyOf(scopes)] } : field;
      });
      return { ...node, directives, fields };
    },
  });
}

/** The committed subgraph SDL file's text. */
export function printSubgraphSdl(sdl: string, metadata: GeneratedMetadata, header: string): string {
  return `${header}\n${FEDERATION_LINK}\n\ndirective @oneOf on INPUT_OBJECT\n\n${print(federate(sdl, metadata))}\n`;
}
