/**
 * Auth0's narrowing scopes, in one reviewed table (DESIGN 9; FACTS A4, E).
 *
 * The spec lists an operation's scopes as "any of" (`PATCH /users/{id}`: update:users,
 * update:users_app_metadata, update:current_user_metadata), but some of those scopes do not
 * grant the whole operation: Auth0 limits them to the token's own user, to some body properties,
 * or to some response properties. That is documented, not machine-readable, so it lives here.
 * The gateway calls with its own, powerful token, so it must enforce these limits itself before
 * any call; the emulator enforces the same table on the tokens it issues, so both modes are
 * tested with the same cases. Where the gateway cannot enforce a limit exactly, it fails closed.
 *
 * A scope listed for an operation and absent from this table grants the whole operation.
 */

/** What one narrowing scope allows on one operation. Every stated limit must hold. */
export interface Narrowing {
  /** Path parameter (wire name) that must be the caller's own user id (the token's `sub`). */
  self?: string;
  /** The only top-level body properties the call may carry. */
  body?: readonly string[];
  /** The only response properties (wire names) the caller may read. */
  fields?: readonly string[];
  /** Response properties the caller may not read. */
  exceptFields?: readonly string[];
  /** Besides this scope, the caller needs one of these too (Auth0 states an AND the spec does not). */
  alsoNeeds?: readonly string[];
  /**
   * Only the caller's own token can do this (the user is taken from the token, not from the
   * request): refused when the gateway calls with its own token.
   */
  ownTokenOnly?: true;
}

export interface NarrowingRule {
  scope: string;
  /** operationId → what the scope allows there. */
  operations: Readonly<Record<string, Narrowing>>;
  /** One line: what Auth0 says, and where. */
  source: string;
}

/** Readable by any scope the operation lists (GET /clients description). */
const CLIENT_SUMMARY_FIELDS = ['client_id', 'app_type', 'name', 'description'] as const;
/** Readable only with read:client_keys or read:client_credentials (GET /clients description). */
const CLIENT_SECRET_FIELDS = ['client_secret', 'encryption_key', 'signing_keys', 'signing_key', 'client_authentication_methods'] as const;
/**
 * What read:organizations_summary shows. The exact list is not published in the sources we
 * have (FACTS E: unconfirmed), so this is the narrowest useful set: fail closed.
 */
const ORGANIZATION_SUMMARY_FIELDS = ['id', 'name', 'display_name'] as const;

const CLIENT_READS = ['get_clients', 'get_clients_by_id'] as const;
const each = (operations: readonly string[], narrowing: Narrowing): Record<string, Narrowing> =>
  Object.fromEntries(operations.map((op) => [op, narrowing]));

export const NARROWING_RULES: readonly NarrowingRule[] = [
  {
    scope: 'read:current_user',
    operations: { get_users_by_id: { self: 'id' }, get_enrollments: { self: 'id' } },
    source: 'Auth0 docs, Management API tokens for single-page applications: the signed-in user\'s own data only',
  },
  {
    scope: 'update:current_user_metadata',
    operations: { patch_users_by_id: { self: 'id', body: ['user_metadata'] } },
    source: 'Auth0 docs, Management API tokens for single-page applications: own user, user_metadata only',
  },
  {
    scope: 'delete:current_user',
    operations: { delete_users_by_id: { self: 'id' } },
    source: 'Auth0 docs, Management API tokens for single-page applications: deletes the own user only',
  },
  {
    scope: 'update:current_user_identities',
    operations: { post_identities: { self: 'id' }, delete_user_identity_by_user_id: { self: 'id' } },
    source: 'Spec, POST /users/{id}/identities: linking with the primary account\'s own token',
  },
  {
    scope: 'create:current_user_device_credentials',
    operations: { 'post_device-credentials': { ownTokenOnly: true } },
    source: 'Auth0 docs: device credentials of the token\'s own user; the user comes from the token, which the gateway cannot prove',
  },
  {
    scope: 'delete:current_user_device_credentials',
    operations: { 'delete_device-credentials_by_id': { ownTokenOnly: true } },
    source: 'Auth0 docs: the own user\'s device credentials; the gateway cannot tell whose a credential is without reading it, so it fails closed',
  },
  {
    scope: 'update:users_app_metadata',
    operations: { patch_users_by_id: { body: ['app_metadata'] } },
    source: 'Auth0 docs, scopes: app_metadata only',
  },
  {
    scope: 'read:client_summary',
    operations: { ...each(CLIENT_READS, { fields: CLIENT_SUMMARY_FIELDS }), get_client_connections: { alsoNeeds: ['read:connections'] } },
    source: 'Spec, GET /clients and /clients/{id}: client_id, app_type, name, description only; /clients/{id}/connections also needs read:connections',
  },
  {
    scope: 'read:clients',
    operations: { ...each(CLIENT_READS, { exceptFields: CLIENT_SECRET_FIELDS }), get_client_connections: { alsoNeeds: ['read:connections'] } },
    source: 'Spec, GET /clients: secrets and keys need read:client_keys or read:client_credentials; /clients/{id}/connections also needs read:connections',
  },
  {
    scope: 'read:client_credentials',
    operations: each(CLIENT_READS, { fields: [...CLIENT_SUMMARY_FIELDS, ...CLIENT_SECRET_FIELDS] }),
    source: 'Spec, GET /clients: the summary, plus secrets and keys; not the other properties',
  },
  {
    scope: 'read:connections',
    operations: { get_client_connections: { alsoNeeds: ['read:clients', 'read:client_summary'] } },
    source: 'Spec, GET /clients/{id}/connections: read:connections and one of read:clients or read:client_summary',
  },
  {
    scope: 'read:organizations_summary',
    operations: each(['get_organizations', 'get_organizations_by_id'], { fields: ORGANIZATION_SUMMARY_FIELDS }),
    source: 'Spec lists it beside read:organizations; a summary view (field list unconfirmed: narrowest set)',
  },
];

const BY_SCOPE = new Map(NARROWING_RULES.map((r) => [r.scope, r]));

/** How a scope the spec lists for `operationId` applies there: undefined = the whole operation. */
export function narrowingOf(scope: string, operationId: string): Narrowing | undefined {
  return BY_SCOPE.get(scope)?.operations[operationId];
}
