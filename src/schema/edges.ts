/**
 * The graph's edges (DESIGN 2).
 *
 * - Entities: a top-level collection with a get-by-id (`GET /users/{id}`) names an entity type
 *   (`User`) and its key (the property holding the id: `user_id`).
 * - Sub-resource edges: a GET below an entity's path (`/users/{id}/roles`) is also a field on the
 *   entity (`User.roles`), with the operation's arguments less the id, which the parent supplies.
 * - Companion fields: a property holding another entity's id (`client_id`, `user_id`, `role_ids`)
 *   gets a field resolving that entity (`ClientGrant.client`); a resource server is also found by
 *   its `audience` (Auth0's GET /resource-servers/{id} takes the id or the identifier).
 */
import type { GenContext } from './context.js';
import type { EdgeMetadata, OperationMetadata } from './metadata.js';
import { camelCase, plural, singular } from './names.js';
import type { FieldModel, ObjectModel } from './model.js';
import { namedType } from './model.js';
import type { RootFields } from './operations.js';

export interface Entity {
  type: string;
  key: string;
  getOperation: string;
  /** The type(s) standing for this entity: the get result and the list item type. */
  types: string[];
  path: string;
}

const BY_AUDIENCE: Array<{ wire: string; entity: string; field: string }> = [
  { wire: 'audience', entity: 'resource_server', field: 'resourceServer' },
];

export function buildEdges(ctx: GenContext, root: RootFields): { entities: Record<string, Entity>; edges: EdgeMetadata[] } {
  const ops = Object.values(root.operations);
  const entities = findEntities(ctx, ops);
  const edges: EdgeMetadata[] = [];
  const fieldsByCoordinate = new Map(root.query.map((f) => [`Query.${f.name}`, f]));

  for (const entity of Object.values(entities)) {
    const prefix = `${entity.path}/`;
    for (const op of ops) {
      if (op.method !== 'GET' || !op.path.startsWith(prefix)) continue;
      const rest = op.path.slice(prefix.length);
      if (rest.includes('{')) continue;
      const pathArgs = Object.entries(op.args).filter(([, a]) => a.in === 'path');
      if (pathArgs.length !== 1) continue;
      const rootField = fieldsByCoordinate.get(op.coordinate)!;
      const name = camelCase(rest.replace(/\//g, '_'));
      for (const typeName of entity.types) {
        const type = objectType(ctx, typeName);
        if (!type || type.fields.some((f) => f.name === name)) continue;
        type.fields.push({
          name,
          type: rootField.type,
          args: (rootField.args ?? []).filter((a) => a.name !== pathArgs[0]![0]),
          description: rootField.description,
          ...(rootField.deprecated ? { deprecated: rootField.deprecated } : {}),
        });
        edges.push({ coordinate: `${typeName}.${name}`, operation: op.coordinate, from: { [pathArgs[0]![0]]: entity.key }, kind: 'sub-resource' });
        // The edge repeats the root field's positions: so does the record of its JSON ones.
        for (const f of ctx.fallbacks.filter((x) => x.location === op.coordinate || x.location.startsWith(`${op.coordinate}(`))) {
          const arg = /\((\w+):\)$/.exec(f.location)?.[1];
          if (arg === pathArgs[0]![0]) continue;
          ctx.fallback(`${typeName}.${name}${arg ? `(${arg}:)` : ''}`, f.reason, f.pointer);
        }
      }
    }
  }

  for (const type of [...ctx.types.values()]) {
    if (type.kind !== 'object') continue;
    for (const field of [...type.fields]) {
      const wire = field.wire ?? field.name;
      const companion = companionFor(wire, field, entities, type.name);
      if (!companion || type.fields.some((f) => f.name === companion.name)) continue;
      const entity = entities[companion.entity]!;
      const getOp = ops.find((o) => o.coordinate === entity.getOperation)!;
      const idArg = Object.entries(getOp.args).find(([, a]) => a.in === 'path')![0];
      type.fields.push({
        name: companion.name,
        type: companion.list ? `[${entity.type}]` : entity.type,
        description: `The ${companion.entity.replace(/_/g, ' ')}${companion.list ? 's' : ''} named by \`${field.name}\`, resolved in batches.`,
      });
      edges.push({
        coordinate: `${type.name}.${companion.name}`, operation: entity.getOperation, from: { [idArg]: wire }, kind: 'companion',
        ...(companion.list ? { list: true } : {}),
      });
    }
  }
  return { entities, edges };
}

function companionFor(
  wire: string, field: FieldModel, entities: Record<string, Entity>, owner: string,
): { name: string; entity: string; list: boolean } | undefined {
  const scalar = namedType(field.type);
  if (scalar !== 'String' && scalar !== 'ID') return undefined;
  const list = field.type.startsWith('[');
  const audience = BY_AUDIENCE.find((b) => b.wire === wire && entities[b.entity]);
  if (audience && !list) {
    return entities[audience.entity]!.types.includes(owner) ? undefined : { name: audience.field, entity: audience.entity, list: false };
  }
  const match = /^(.+)_ids?$/.exec(wire);
  if (!match) return undefined;
  const entityName = match[1]!;
  const entity = entities[entityName];
  if (!entity || entity.types.includes(owner) && entity.key === wire) return undefined;
  if (list !== wire.endsWith('_ids')) return undefined;
  return { name: camelCase(list ? plural(entityName) : entityName), entity: entityName, list };
}

function objectType(ctx: GenContext, name: string): ObjectModel | undefined {
  const type = ctx.types.get(name);
  return type?.kind === 'object' ? type : undefined;
}

function findEntities(ctx: GenContext, ops: OperationMetadata[]): Record<string, Entity> {
  const entities: Record<string, Entity> = {};
  for (const get of ops) {
    const match = /^\/([a-z-]+)\/\{([^}]+)\}$/.exec(get.path);
    if (get.method !== 'GET' || !match || get.result !== 'object') continue;
    const type = objectType(ctx, get.returns);
    if (!type) continue;
    const [, collection = '', param = ''] = match;
    const entityName = singular(collection.replace(/-/g, '_'));
    const wires = new Map(type.fields.map((f) => [f.wire ?? f.name, f]));
    const key = [param, `${entityName}_id`, 'id'].find((k) => wires.has(k));
    if (!key) {
      ctx.warnings.push(`No key property for entity ${type.name} (${get.path}); it gets no edges`);
      continue;
    }
    const list = ops.find((o) => o.method === 'GET' && o.path === `/${collection}` && o.result === 'connection');
    const itemType = list ? nodeTypeOf(ctx, list.returns) : undefined;
    const types = [type.name, ...(itemType && itemType !== type.name && objectType(ctx, itemType) ? [itemType] : [])];
    entities[entityName] = { type: type.name, key, getOperation: get.coordinate, types, path: `/${collection}/{${param}}` };
  }
  return entities;
}

function nodeTypeOf(ctx: GenContext, connection: string): string | undefined {
  const type = objectType(ctx, connection);
  const nodes = type?.fields.find((f) => f.name === 'nodes');
  return nodes ? namedType(nodes.type) : undefined;
}
