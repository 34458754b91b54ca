/**
 * Connections beyond the connection itself: signing keys and their rotation, inbound SCIM
 * (configuration, tokens, default mapping) and the directory-provisioning default mapping.
 * Shapes follow the spec's response schemas (ConnectionKey, *ScimConfigurationResponseContent,
 * ScimTokenItem, DirectoryProvisioningMappingItem) and Auth0's Management API docs for these
 * endpoints; what no public source settles is marked UNCONFIRMED.
 */
import { createHash, randomBytes } from 'node:crypto';
import { badRequest, conflict, notFound } from '../errors.js';
import { type HandlerContext, type HandlerTable, must, noContent, ok } from '../handler.js';
import { type Json, type Tenant, now } from '../tenant.js';

interface ConnectionState {
  keys: Json[];
  scim?: Json;
  tokens: Json[];
}

const states = new WeakMap<Tenant, Map<string, ConnectionState>>();

function stateOf(tenant: Tenant, connectionId: string): ConnectionState {
  let byConnection = states.get(tenant);
  if (!byConnection) states.set(tenant, (byConnection = new Map()));
  let state = byConnection.get(connectionId);
  if (!state) byConnection.set(connectionId, (state = { keys: [], tokens: [] }));
  return state;
}

function connectionOf({ tenant, params }: HandlerContext): Json {
  return must(tenant.connections.get(params.id!), 'connection', 'inexistent_connection');
}

// Auth0's docs: the keys endpoints serve the Okta and OIDC strategies. UNCONFIRMED: samlp (a SAML
// connection's request-signing key) and the exact 400 message for other strategies.
const KEY_STRATEGIES = new Set(['oidc', 'okta', 'samlp']);
// SCIM inbound provisioning is offered on enterprise connections (Auth0 docs "Configure Inbound SCIM").
const SCIM_STRATEGIES = new Set(['samlp', 'oidc', 'okta', 'waad', 'adfs', 'pingfederate', 'google-apps']);

function requireStrategy(connection: Json, allowed: Set<string>, feature: string): void {
  const strategy = String(connection.strategy);
  if (!allowed.has(strategy)) throw badRequest(`${feature} is not supported for connections with strategy ${strategy}.`, 'operation_not_supported');
}

/** A key in Auth0's shape: PEM certificate and PKCS#7, SHA-1 fingerprint (colon hex) and thumbprint (hex). */
function newKey(tenant: Tenant, connection: Json, algorithm: string): Json {
  const der = randomBytes(540);
  const pem = (label: string, bytes: Buffer) => `-----BEGIN ${label}-----\r\n${bytes.toString('base64').replace(/(.{64})/g, '$1\r\n').replace(/\r\n$/, '')}\r\n-----END ${label}-----`;
  const sha1 = createHash('sha1').update(der).digest('hex').toUpperCase();
  return {
    kid: tenant.newId('', 32),
    cert: pem('CERTIFICATE', der),
    pkcs: pem('PKCS7', Buffer.concat([Buffer.from([0x30, 0x82]), der])),
    fingerprint: sha1.match(/../g)!.join(':'),
    thumbprint: sha1,
    algorithm,
    key_use: 'signing',
    subject_dn: `CN=${String(connection.name)}`,
  };
}

/** What a listing shows of a key: the flags that apply, and current_since on the current one. */
function published(key: Json): Json {
  return Object.fromEntries(Object.entries(key).filter(([, v]) => v !== undefined));
}

function scimDefaultMapping(strategy: string): Json[] {
  const mapping: Array<[string, string]> = [
    ['preferred_username', 'userName'],
    ['email', 'emails[primary eq true].value'],
    ['app_metadata.external_id', 'externalId'],
    ['blocked', 'active'],
    ['name', 'displayName'],
    ['given_name', 'name.givenName'],
    ['family_name', 'name.familyName'],
    ['app_metadata.middle_name', 'name.middleName'],
    ['app_metadata.honorific_prefix', 'name.honorificPrefix'],
    ['app_metadata.honorific_suffix', 'name.honorificSuffix'],
    ['nickname', 'nickName'],
    ['app_metadata.title', 'title'],
    ['app_metadata.locale', 'locale'],
    ['app_metadata.timezone', 'timezone'],
    ['app_metadata.user_type', 'userType'],
    ['app_metadata.employee_id', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber'],
    ['app_metadata.department', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'],
    ['app_metadata.organization', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization'],
  ];
  // Azure AD (waad) sends its object id as externalId and the UPN as userName. UNCONFIRMED: the
  // full per-strategy lists; the shared core is the one Auth0's SCIM docs describe.
  if (strategy === 'waad') mapping.push(['app_metadata.manager', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value']);
  return mapping.map(([auth0, scim]) => ({ auth0, scim }));
}

/** Default user id attribute for the SCIM user id. UNCONFIRMED: Auth0 docs name externalId as the usual choice. */
function scimUserIdAttribute(strategy: string): string {
  return strategy === 'waad' ? 'externalId' : 'userName';
}

function directoryDefaultMapping(strategy: string): Json[] {
  if (strategy !== 'google-apps') throw badRequest(`Directory provisioning is not supported for connections with strategy ${strategy}.`, 'operation_not_supported');
  // Google Workspace directory attributes (Admin SDK Directory API user resource).
  const mapping: Array<[string, string]> = [
    ['email', 'primaryEmail'],
    ['email_verified', 'primaryEmail_verified'],
    ['family_name', 'name.familyName'],
    ['given_name', 'name.givenName'],
    ['name', 'name.fullName'],
    ['external_id', 'id'],
  ];
  return mapping.map(([auth0, idp]) => ({ auth0, idp }));
}

function tenantName(ctx: HandlerContext): string {
  return (ctx.tenant as Tenant & { name?: string }).name ?? 'emulator';
}

function scimOf(ctx: HandlerContext, connection: Json): Json {
  const scim = stateOf(ctx.tenant, String(connection.id)).scim;
  // UNCONFIRMED: the message; the 404 is what Auth0 answers before any configuration exists (issue 15).
  if (!scim) throw notFound('No SCIM configuration exists for this connection.', 'inexistent_scim_configuration');
  return scim;
}

export const connectionProvisioningHandlers: HandlerTable = {
  get_keys: (ctx) => {
    const connection = connectionOf(ctx);
    requireStrategy(connection, KEY_STRATEGIES, 'Connection keys are');
    return ok(stateOf(ctx.tenant, String(connection.id)).keys.map(published));
  },
  post_keys: (ctx) => {
    const connection = connectionOf(ctx);
    requireStrategy(connection, KEY_STRATEGIES, 'Connection keys are');
    const state = stateOf(ctx.tenant, String(connection.id));
    if (state.keys.length > 0) throw conflict('Keys have already been created for this connection.', 'connection_keys_conflict');
    const algorithm = typeof ctx.body.signing_alg === 'string' ? ctx.body.signing_alg : 'RS256';
    // A new set: the key in use, and the one a rotation will promote.
    state.keys = [
      { ...newKey(ctx.tenant, connection, algorithm), current: true, current_since: now(), next: false, previous: false },
      { ...newKey(ctx.tenant, connection, algorithm), current: false, next: true, previous: false },
    ];
    return ok(state.keys.map(published), 201);
  },
  post_rotate: (ctx) => {
    const connection = connectionOf(ctx);
    requireStrategy(connection, KEY_STRATEGIES, 'Connection keys are');
    const state = stateOf(ctx.tenant, String(connection.id));
    if (state.keys.length === 0) throw notFound('No keys exist for this connection; create them first.', 'inexistent_connection_keys');
    const algorithm = typeof ctx.body.signing_alg === 'string' ? ctx.body.signing_alg : String(state.keys[0]!.algorithm ?? 'RS256');
    // next → current, current → previous, the old previous is revoked, a new next is made.
    const current = state.keys.find((k) => k.current);
    const next = state.keys.find((k) => k.next);
    const kept: Json[] = [];
    if (current) kept.push({ ...current, current: false, current_since: undefined, previous: true, next: false });
    if (next) kept.push({ ...next, next: false, current: true, current_since: now(), previous: false });
    const fresh: Json = { ...newKey(ctx.tenant, connection, algorithm), current: false, next: true, previous: false };
    state.keys = [...kept, fresh];
    return ok(published(fresh), 201);
  },

  'post_scim-configuration': (ctx) => {
    const connection = connectionOf(ctx);
    requireStrategy(connection, SCIM_STRATEGIES, 'SCIM is');
    const state = stateOf(ctx.tenant, String(connection.id));
    // UNCONFIRMED: status and message for a second create (the spec lists 201, 400, 404 only).
    if (state.scim) throw conflict('A SCIM configuration already exists for this connection.', 'scim_configuration_conflict');
    const strategy = String(connection.strategy);
    const at = now();
    state.scim = {
      tenant_name: tenantName(ctx),
      connection_id: connection.id,
      connection_name: connection.name,
      strategy,
      user_id_attribute: typeof ctx.body.user_id_attribute === 'string' ? ctx.body.user_id_attribute : scimUserIdAttribute(strategy),
      mapping: Array.isArray(ctx.body.mapping) ? ctx.body.mapping : scimDefaultMapping(strategy),
      created_at: at,
      updated_on: at,
    };
    return ok(state.scim, 201);
  },
  'get_scim-configuration': (ctx) => ok(scimOf(ctx, connectionOf(ctx))),
  'patch_scim-configuration': (ctx) => {
    const scim = scimOf(ctx, connectionOf(ctx));
    // The body holds user_id_attribute and mapping (required by the spec); the rest is not the caller's.
    scim.user_id_attribute = ctx.body.user_id_attribute;
    scim.mapping = ctx.body.mapping;
    scim.updated_on = now();
    return ok(scim);
  },
  'delete_scim-configuration': (ctx) => {
    const connection = connectionOf(ctx);
    const state = stateOf(ctx.tenant, String(connection.id));
    scimOf(ctx, connection);
    // The tokens go with the configuration they authenticate.
    state.scim = undefined;
    state.tokens = [];
    return noContent();
  },
  'get_default-mapping': (ctx) => {
    const connection = connectionOf(ctx);
    requireStrategy(connection, SCIM_STRATEGIES, 'SCIM is');
    return ok({ mapping: scimDefaultMapping(String(connection.strategy)) });
  },
  get_scim_tokens: (ctx) => {
    const connection = connectionOf(ctx);
    scimOf(ctx, connection);
    // Only the metadata: the token value is shown once, at creation.
    return ok(stateOf(ctx.tenant, String(connection.id)).tokens.map(({ token: _token, ...meta }) => meta));
  },
  post_scim_token: (ctx) => {
    const connection = connectionOf(ctx);
    scimOf(ctx, connection);
    const state = stateOf(ctx.tenant, String(connection.id));
    if (state.tokens.length >= 2) throw conflict('Maximum of 2 tokens already issued for this connection', 'scim_token_limit');
    const lifetime = ctx.body.token_lifetime;
    if (typeof lifetime === 'number' && lifetime <= 900) throw badRequest('Payload validation error: token_lifetime must be greater than 900.', 'invalid_body');
    const created = new Date();
    const token: Json = {
      token_id: ctx.tenant.newId('tok_', 16),
      token: randomBytes(32).toString('base64url'),
      scopes: Array.isArray(ctx.body.scopes) ? ctx.body.scopes : ['get:users', 'post:users', 'put:users', 'patch:users', 'delete:users', 'get:groups', 'post:groups', 'put:groups', 'patch:groups', 'delete:groups'],
      created_at: created.toISOString(),
      ...(typeof lifetime === 'number' ? { valid_until: new Date(created.getTime() + lifetime * 1000).toISOString() } : {}),
    };
    state.tokens.push(token);
    return ok(token, 201);
  },
  delete_tokens_by_tokenId: (ctx) => {
    const connection = connectionOf(ctx);
    const state = stateOf(ctx.tenant, String(connection.id));
    const index = state.tokens.findIndex((t) => t.token_id === ctx.params.tokenId);
    if (index < 0) throw notFound('The SCIM token does not exist.', 'inexistent_scim_token');
    state.tokens.splice(index, 1);
    return noContent();
  },
  get_directory_provisioning_default_mapping: (ctx) => {
    const connection = connectionOf(ctx);
    return ok({ mapping: directoryDefaultMapping(String(connection.strategy)) });
  },
};
