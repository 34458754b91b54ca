/** Clients, client grants and resource servers (APIs). */
import { conflict } from '../errors.js';
import { type HandlerTable, must, noContent, ok } from '../handler.js';
import { paginate, project } from '../pagination.js';
import type { Json } from '../tenant.js';

export const clientHandlers: HandlerTable = {
  get_clients: ({ tenant, query }) => {
    const appTypes = query.get('app_type')?.split(',');
    const firstParty = query.get('is_first_party');
    const list = [...tenant.clients.values()]
      .filter((c) => !appTypes || appTypes.includes(String(c.app_type)))
      .filter((c) => firstParty === null || String(c.is_first_party) === firstParty)
      .map((c) => project(c, query));
    return ok(paginate(list, query, { key: 'clients', checkpoint: true, offset: true }));
  },
  get_clients_by_id: ({ tenant, params, query }) => ok(project(must(tenant.clients.get(params.id!), 'client', 'inexistent_client'), query)),
  post_clients: ({ tenant, body }) => {
    const client_id = tenant.newId('', 32);
    const client: Json = { client_id, client_secret: tenant.newId('', 64), is_first_party: true, oidc_conformant: true, callbacks: [], grant_types: [], ...body, tenant: 'emulator' };
    tenant.clients.set(client_id, client);
    return ok(client, 201);
  },
  patch_clients_by_id: ({ tenant, params, body }) => ok(Object.assign(must(tenant.clients.get(params.id!), 'client', 'inexistent_client'), body)),
  // Deleting what does not exist: the 404 becomes what Auth0 answers (spec/overlays: x-auth0-delete-missing).
  delete_clients_by_id: ({ tenant, params }) => {
    must(tenant.clients.get(params.id!), 'client', 'inexistent_client');
    tenant.clients.delete(params.id!);
    for (const [id, g] of tenant.clientGrants) if (g.client_id === params.id) tenant.clientGrants.delete(id);
    return noContent();
  },
  'post_rotate-secret': ({ tenant, params }) => {
    const client = must(tenant.clients.get(params.id!), 'client', 'inexistent_client');
    client.client_secret = tenant.newId('', 64);
    return ok(client);
  },
  'get_client-grants': ({ tenant, query }) => {
    const list = [...tenant.clientGrants.values()]
      .filter((g) => !query.get('audience') || g.audience === query.get('audience'))
      .filter((g) => !query.get('client_id') || g.client_id === query.get('client_id'));
    return ok(paginate(list, query, { key: 'client_grants', checkpoint: true, offset: true }));
  },
  'get_client-grant': ({ tenant, params }) => ok(must(tenant.clientGrants.get(params.id!), 'client grant')),
  'post_client-grants': ({ tenant, body }) => {
    must(tenant.clients.get(String(body.client_id)), 'client', 'inexistent_client');
    if ([...tenant.clientGrants.values()].some((g) => g.client_id === body.client_id && g.audience === body.audience)) {
      throw conflict('A client grant for this client and audience already exists.', 'client_grant_conflict');
    }
    const id = tenant.newId('cgr_');
    const grant: Json = { id, subject_type: 'client', ...body };
    tenant.clientGrants.set(id, grant);
    return ok(grant, 201);
  },
  'patch_client-grants_by_id': ({ tenant, params, body }) => ok(Object.assign(must(tenant.clientGrants.get(params.id!), 'client grant'), body)),
  'delete_client-grants_by_id': ({ tenant, params }) => {
    must(tenant.clientGrants.get(params.id!), 'client grant');
    tenant.clientGrants.delete(params.id!);
    return noContent();
  },
  'get_resource-servers': ({ tenant, query }) => {
    const identifiers = query.getAll('identifiers');
    const list = [...tenant.resourceServers.values()].filter((r) => identifiers.length === 0 || identifiers.includes(String(r.identifier)));
    return ok(paginate(list, query, { key: 'resource_servers' }));
  },
  // GET /resource-servers/{id} takes the id or the identifier (audience).
  'get_resource-servers_by_id': ({ tenant, params }) => ok(findApi(tenant.resourceServers, params.id!)),
  'post_resource-servers': ({ tenant, body }) => {
    if ([...tenant.resourceServers.values()].some((r) => r.identifier === body.identifier)) throw conflict('A resource server with the same identifier already exists.', 'resource_server_conflict');
    const id = tenant.newId('', 24);
    const api: Json = { id, signing_alg: 'RS256', token_lifetime: 86_400, scopes: [], is_system: false, ...body };
    tenant.resourceServers.set(id, api);
    return ok(api, 201);
  },
  'patch_resource-servers_by_id': ({ tenant, params, body }) => ok(Object.assign(findApi(tenant.resourceServers, params.id!), body)),
  'delete_resource-servers_by_id': ({ tenant, params }) => {
    const api = findApi(tenant.resourceServers, params.id!);
    tenant.resourceServers.delete(String(api.id));
    return noContent();
  },
};

function findApi(apis: Map<string, Json>, key: string): Json {
  return must(apis.get(key) ?? [...apis.values()].find((r) => r.identifier === key), 'resource server', 'inexistent_resource_server');
}
