/**
 * Relay connection types (GraphQL Cursor Connections Specification; DESIGN 5), named `XPage` and
 * `XEdge` (README, "Naming and nullability rules"): Auth0's own vocabulary has a `Connection`
 * (an identity provider), so the Relay convention `XConnection` would give `ConnectionConnection`
 * and make `OrganizationConnection` (an entity) read like a page. The cursor specification is about
 * shape (`edges`, `node`, `cursor`, `pageInfo`), not names; Relay, Apollo's relayStylePagination and
 * urql's relayPagination all key on the shape.
 *
 * One `XPage`/`XEdge` pair per node type, whichever endpoints list it. `totalCount`
 * exists on a page only when at least one of those endpoints can count (offset paging
 * with `include_totals`); checkpoint paging never can (FACTS A2), and then it is null.
 */
import type { GenContext } from './context.js';
import type { ObjectModel } from './model.js';

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
    // The names are settled once every type is built (type-names.ts renames a node type, and
    // its page and edge with it); here they only need to be free.
    const edgeName = this.ctx.typeNames.claim(`${node}Edge`);
    const connectionName = this.ctx.typeNames.claim(`${node}Page`);
    this.ctx.addType({
      kind: 'object', name: edgeName, edgeOf: node, description: `An edge in a page of ${node}: one item and its cursor.`,
      fields: [
        { name: 'cursor', type: 'String!', description: 'Opaque cursor of this item: pass it as `after` to continue after it.' },
        { name: 'node', type: `${node}!`, description: 'The item.' },
      ],
    });
    const connection: ObjectModel = {
      kind: 'object', name: connectionName, pageOf: node, description: `A page of ${node} items (a Relay connection).`,
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
