/**
 * A hand-written Apollo Federation v2 subgraph layer (`_service`, `_entities`, `_Any`, `_Entity`)
 * over graphql-yoga's `createSchema`: no dependency on @apollo/subgraph (whose internals are not
 * MIT-licensed). Used by billing.mjs and by the stand-in Auth0 subgraph in fixtures/.
 */
import { GraphQLScalarType, Kind, parse, print, valueFromASTUntyped, visit } from 'graphql';
import { createSchema } from 'graphql-yoga';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const AnyScalar = new GraphQLScalarType({
  name: '_Any',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

/** Entity type names: object types carrying a resolvable @key. */
export function entityTypeNames(doc) {
  const names = new Set();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of def.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const resolvable = directive.arguments?.find((a) => a.name.value === 'resolvable');
      if (resolvable?.value.kind === Kind.BOOLEAN && resolvable.value.value === false) continue;
      names.add(def.name.value);
    }
  }
  return [...names];
}

/**
 * @param {{ sdl: string, resolvers: object, entities: Record<string, (representation: any, context: any) => any> }} options
 * `sdl` is the subgraph SDL served as `_service.sdl` (with its `@link`); the executable schema is
 * the same SDL without the federation directives, plus the federation fields.
 */
export function buildSubgraphSchema({ sdl, resolvers, entities }) {
  const doc = parse(sdl);
  // graphql-js 16.9+ knows @oneOf itself: keep its uses, drop its (re)declaration.
  const executable = visit(doc, {
    SchemaExtension: () => null,
    DirectiveDefinition: (node) => (node.name.value === 'oneOf' ? null : undefined),
    Directive: (node) => (node.name.value === 'oneOf' ? undefined : null),
  });
  const entityNames = entityTypeNames(doc);
  const federationSdl = [
    'scalar _Any',
    'type _Service { sdl: String }',
    entityNames.length ? `union _Entity = ${entityNames.join(' | ')}` : '',
    `extend type Query { _service: _Service! ${entityNames.length ? '_entities(representations: [_Any!]!): [_Entity]!' : ''} }`,
  ].join('\n');
  const federationResolvers = {
    _Any: AnyScalar,
    Query: {
      _service: () => ({ sdl }),
      ...(entityNames.length
        ? {
            _entities: (_root, { representations }, context) =>
              representations.map(async (representation) => {
                const resolve = entities[representation.__typename];
                if (!resolve) return null;
                const found = await resolve(representation, context);
                return found ? { __typename: representation.__typename, ...found } : null;
              }),
          }
        : {}),
    },
    ...(entityNames.length ? { _Entity: { __resolveType: (value) => value.__typename } } : {}),
  };
  return createSchema({
    typeDefs: [print(executable), federationSdl],
    resolvers: mergeResolvers(resolvers, federationResolvers),
  });
}

function mergeResolvers(a, b) {
  const out = { ...a };
  for (const [type, fields] of Object.entries(b)) {
    out[type] = fields instanceof GraphQLScalarType ? fields : { ...(out[type] ?? {}), ...fields };
  }
  return out;
}

/** Listen on 127.0.0.1:port (0 = a free port); resolves with the bound port. */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** Close the server and exit 0 on SIGTERM / SIGINT (exit 1 if closing hangs). */
export function exitOnSignals(server, close = async () => {}) {
  const stop = () => {
    server.close(() => void Promise.resolve(close()).finally(() => process.exit(0)));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** True when the module at `importMetaUrl` is the script node was started with. */
export function isMain(importMetaUrl) {
  if (!process.argv[1]) return false;
  try {
    return importMetaUrl === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
