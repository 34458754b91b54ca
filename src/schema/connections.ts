/**
 * Relay connection types (GraphQL Cursor Connections Specification; DESIGN 5).
 *
 * One `XConnection`/`XEdge` pair per node type, whichever endpoints list it. `totalCount`
 * exists on a connection only when at least one of those endpoints can count (offset paging
 * with `include_totals`); checkpoint paging never can (FACTS A2), and then it is null.
 */
import type { GenContext } from './context.js';
import type { ObjectModel } from './model.js';
import { plural } from './names.js';

export class ConnectionBuilder {
  private readonly built = new Map<string, ObjectModel>();

  constructor(private readonly ctx: GenContext) {}

  /** `fallback`: why the node type is JSON, when it is; recorded for the connection's own positions. */
  connectionFor(node: string, canCount: boolean, fallback?: { reason: string; pointer: string }): string {
    const existing = this.built.get(node);
    if (existing) {
      if (canCount && !existing.fields.some((f) => f.name === 'totalCount')) existing.fields.push(totalCountField());
      return existing.name;
    }
    this.pageInfo();
    // Auth0 has a domain type called Connection (`OrganizationConnection` is an organization's
    // enabled connection): a Relay type never takes a name one of the spec's types will want.
    const free = (name: string): boolean => !this.ctx.typeNames.has(name) && !this.ctx.componentTypeNames.has(name);
    const stem = free(`${node}Connection`) && free(`${node}Edge`) ? node : `${plural(node)}List`;
    const edgeName = this.ctx.typeNames.claim(`${stem}Edge`);
    const connectionName = this.ctx.typeNames.claim(`${stem}Connection`);
    this.ctx.addType({
      kind: 'object', name: edgeName, description: `An edge in a connection of ${node}.`,
      fields: [
        { name: 'cursor', type: 'String!', description: 'Opaque cursor of this item: pass it as `after` to continue after it.' },
        { name: 'node', type: `${node}!`, description: 'The item.' },
      ],
    });
    const connection: ObjectModel = {
      kind: 'object', name: connectionName, description: `A page of ${node} items.`,
      fields: [
        { name: 'edges', type: `[${edgeName}!]!`, description: 'The items of this page, each with its cursor.' },
        { name: 'nodes', type: `[${node}!]!`, description: 'The items of this page, without cursors.' },
        { name: 'pageInfo', type: 'PageInfo!', description: 'Where this page sits, and how to fetch the next one.' },
      ],
    };
    if (canCount) connection.fields.push(totalCountField());
    this.ctx.addType(connection);
    if (fallback) {
      this.ctx.fallback(`${edgeName}.node`, fallback.reason, fallback.pointer);
      this.ctx.fallback(`${connectionName}.nodes`, fallback.reason, fallback.pointer);
    }
    this.built.set(node, connection);
    return connectionName;
  }

  private pageInfo(): void {
    if (this.ctx.types.has('PageInfo')) return;
    this.ctx.typeNames.claim('PageInfo');
    this.ctx.addType({
      kind: 'object', name: 'PageInfo', description: 'Paging state of a connection (forward paging: `first`/`after`).',
      fields: [
        { name: 'hasNextPage', type: 'Boolean!', description: 'Whether more items follow `endCursor`.' },
        { name: 'hasPreviousPage', type: 'Boolean!', description: 'Whether items precede `startCursor` (forward paging only: true when `after` was given).' },
        { name: 'startCursor', type: 'String', description: 'Cursor of the first item of this page.' },
        { name: 'endCursor', type: 'String', description: 'Cursor of the last item of this page: pass it as `after` for the next page.' },
      ],
    });
  }
}

function totalCountField() {
  return {
    name: 'totalCount',
    type: 'Int',
    description: 'Total number of items across all pages, when the endpoint can count them (offset paging); null for endpoints that page by checkpoint. Costs no extra call: it is asked for only when selected.',
  };
}
