/**
 * Generator step: global object identification (Relay's `Node`), and `me`.
 *
 * - `interface Node { id: ID! }`, implemented by every entity type (a type with a get-by-id
 *   operation: metadata.json `entities`). Its `id` is opaque and globally unique: the base64url
 *   of `TypeName:key` (src/resolvers/node-id.ts), so a normalised client cache (Apollo Client,
 *   urql Graphcache, Relay) recognises every entity.
 * - The wire keys stay as they were (`User.userId`, `Client.clientId`, `Log.logId`). Where an
 *   entity's own key was already served as `id` (`Role`, `Organization`, `Connection` … whose
 *   wire key is `id`), that field is renamed `<type>Id` (`roleId`, `organizationId`,
 *   `connectionId`): `id` now means the Node id. Get-by-id arguments are unchanged
 *   (`role(id: "rol_…")` takes the raw key). A field `id` that is not the key (`Log.id`, Auth0's
 *   legacy `_id`) keeps its wire name as its name when `<type>Id` is taken (`Log._id`).
 * - `Query.node(id:)`, `Query.nodes(ids:)` (resolved through the entity loaders, scope-checked
 *   as the get-by-id field: src/resolvers/node.ts) and `Query.me` (the caller's own user).
 *
 * Runs after the edges step (which finds the entities) and before the emit step. In the metadata
 * the Node `id` field maps to the entity's wire key, so projections and scope checks that read
 * `id` read the key; its value is encoded by its resolver.
 */
import type { GenContext } from './context.js';
import type { Entity } from './edges.js';
import type { FieldModel, InterfaceModel, ObjectModel } from './model.js';
import type { RootFields } from './operations.js';

export const NODE_INTERFACE = 'Node';

const NODE_ID_DESCRIPTION = 'Globally unique, opaque id of this object (Relay `Node`): use it with `node(id:)` and as a client cache key. '
  + 'Not an Auth0 id: the Auth0 key has its own field.';

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Adds `Node` to the model: the interface, its `id` on every entity type, and `node`, `nodes`, `me` on Query. */
export function addNodeIds(ctx: GenContext, root: RootFields, entities: Record<string, Entity>): void {
  if (ctx.types.has(NODE_INTERFACE)) throw new Error(`The spec defines a type ${NODE_INTERFACE}: the Node interface needs its name`);
  const nodeTypes: string[] = [];
  for (const entity of Object.values(entities).sort((a, b) => a.type.localeCompare(b.type))) {
    const type = ctx.types.get(entity.type);
    if (type?.kind !== 'object') continue;
    renameOwnId(type, entity.key);
    type.fields.push({ name: 'id', wire: entity.key, type: 'ID!', description: NODE_ID_DESCRIPTION });
    type.interfaces = [...(type.interfaces ?? []), NODE_INTERFACE];
    nodeTypes.push(type.name);
  }
  if (nodeTypes.length === 0) return;
  const node: InterfaceModel = {
    kind: 'interface', name: NODE_INTERFACE,
    description: `An object with a globally unique, opaque \`id\`: every entity with a get-by-id operation (${nodeTypes.join(', ')}). Fetch one again with \`node(id:)\`.`,
    fields: [{ name: 'id', type: 'ID!', description: NODE_ID_DESCRIPTION }],
  };
  ctx.types.set(NODE_INTERFACE, node);
  const taken = new Set(root.query.map((f) => f.name));
  const add = (field: FieldModel) => {
    if (taken.has(field.name)) throw new Error(`Query.${field.name} exists already: node-ids.ts cannot add it`);
    root.query.push(field);
  };
  add({
    name: 'node', type: NODE_INTERFACE,
    description: 'The object with this global id (a `Node` `id`), checked against the caller\'s scopes as its get-by-id field is. '
      + 'A malformed id is BAD_USER_INPUT, an id of no known type NOT_FOUND, both without any call to Auth0.',
    args: [{ name: 'id', type: 'ID!', description: 'A `Node` `id`.' }],
  });
  add({
    name: 'nodes', type: `[${NODE_INTERFACE}]`,
    description: 'The objects with these global ids, in order; loaded in batches (users by id: one search per 50 ids). '
      + 'An id that cannot be answered is null in the list, with its error.',
    args: [{ name: 'ids', type: '[ID!]!', description: '`Node` ids (at most 100).' }],
  });
  if (entities.user && ctx.types.get(entities.user.type)?.kind === 'object') {
    add({
      name: 'me', type: entities.user.type,
      description: 'The caller\'s own user: the user named by the bearer token\'s `sub`, read with `read:current_user` (own user only) or `read:users`. '
        + 'UNAUTHENTICATED for a caller that is no user (an API key, a client-credentials token, the open demo).',
    });
  }
}

/** The entity's own field `id`, if any, gets another name: `id` is the Node id from now on. */
function renameOwnId(type: ObjectModel, key: string): void {
  const own = type.fields.find((f) => f.name === 'id');
  if (!own) return;
  const wire = own.wire ?? own.name;
  const names = new Set(type.fields.map((f) => f.name));
  const preferred = `${lowerFirst(type.name)}Id`;
  const name = !names.has(preferred) ? preferred : /^[_A-Za-z][_0-9A-Za-z]*$/.test(wire) && !names.has(wire) ? wire : undefined;
  if (!name) throw new Error(`${type.name}.id cannot be renamed: ${preferred} and ${wire} are taken`);
  own.name = name;
  own.wire = wire;
  if (wire === key) own.description = `${own.description ? `${own.description}\n\n` : ''}The Auth0 id (\`${wire}\`); \`id\` is the global Node id.`;
}
