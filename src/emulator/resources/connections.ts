/** Connections: checkpoint and offset listing, filters, enabled clients, removing users by email. */
import { badRequest, conflict } from '../errors.js';
import { type HandlerTable, must, noContent, ok } from '../handler.js';
import { paginate, project } from '../pagination.js';
import type { Json } from '../tenant.js';

export const connectionHandlers: HandlerTable = {
  get_connections: ({ tenant, query }) => {
    const strategies = query.getAll('strategy').flatMap((s) => s.split(','));
    const name = query.get('name');
    const list = [...tenant.connections.values()]
      .filter((c) => strategies.length === 0 || strategies.includes(String(c.strategy)))
      .filter((c) => !name || c.name === name)
      .map(({ enabled_clients: _enabled, ...c }) => project(c, query));
    return ok(paginate(list, query, { key: 'connections', checkpoint: true, offset: true, defaultPerPage: 50 }));
  },
  // A tenant created before 2026-01-07 still gets the deprecated enabled_clients here (spec/overlays).
  get_connections_by_id: ({ tenant, params, query }) => ok(project(must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection'), query)),
  post_connections: ({ tenant, body }) => {
    if ([...tenant.connections.values()].some((c) => c.name === body.name)) throw conflict('A connection with the same name already exists', 'connection_conflict');
    const id = tenant.newId('con_');
    const connection: Json = { id, realms: [body.name], is_domain_connection: false, options: {}, ...body, enabled_clients: body.enabled_clients ?? [] };
    tenant.connections.set(id, connection);
    return ok(connection, 201);
  },
  patch_connections_by_id: ({ tenant, params, body }) => {
    const connection = must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
    Object.assign(connection, body);
    return ok(connection);
  },
  delete_connections_by_id: ({ tenant, params }) => {
    const connection = must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
    tenant.connections.delete(params.id!);
    for (const [id, user] of tenant.users) if ((user.identities as Json[])[0]?.connection === connection.name) tenant.users.delete(id);
    return { status: 202 };
  },
  // The emulated identity providers are always reachable.
  get_status: ({ tenant, params }) => {
    must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
    return ok(undefined, 200);
  },
  get_connection_clients: ({ tenant, params, query }) => {
    const connection = must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
    const clients = (connection.enabled_clients as string[]).map((client_id) => ({ client_id }));
    return ok(paginate(clients, query, { key: 'clients', checkpoint: true, maxTake: 1000 }));
  },
  patch_clients: ({ tenant, params, body }) => {
    const connection = must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
    const enabled = new Set(connection.enabled_clients as string[]);
    for (const change of body as unknown as Array<{ client_id: string; status: boolean }>) {
      if (change.status) enabled.add(change.client_id);
      else enabled.delete(change.client_id);
    }
    connection.enabled_clients = [...enabled];
    return noContent();
  },
  delete_users_by_email: ({ tenant, params, query }) => {
    const connection = must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
    const email = query.get('email');
    if (!email) throw badRequest("Query validation error: Missing required property: email", 'invalid_query_string');
    for (const [id, user] of tenant.users) {
      if (user.email === email.toLowerCase() && (user.identities as Json[])[0]?.connection === connection.name) tenant.users.delete(id);
    }
    return noContent();
  },
};
