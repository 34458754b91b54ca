/**
 * The emulator as Auth0's Authentication API, for its demo users only (README: "Sign in as a demo
 * user"): `POST /oauth/token` with the resource owner password grant (`password`, and
 * `http://auth0.com/oauth/grant-type/password-realm` with a `realm`: the connection's name), and
 * `refresh_token`; `GET /.well-known/jwks.json` and `/.well-known/openid-configuration`, so a
 * gateway verifies the tokens as it would verify Auth0's.
 *
 * Tokens are Management API access tokens of the signed-in user (`sub` = the user id) carrying the
 * self-service scopes asked for (`read:current_user`, `update:current_user_metadata` …: Auth0's
 * "Management API tokens for single-page applications"); other API scopes are not granted to
 * users. `offline_access` also returns a refresh token (kept in memory). Errors are Auth0's:
 * a wrong password is 403 `invalid_grant` "Wrong email or password.". No id_token is issued,
 * MFA, anomaly detection and the API's `allow_offline_access` setting are not emulated.
 */
import { randomBytes } from 'node:crypto';
import type { Tenant } from './tenant.js';
import type { TokenIssuer } from './tokens.js';

/** The demo users' password (both users: `demoUsers`). Documented in README; for the local demo only. */
export const DEMO_PASSWORD = 'demo-Passw0rd';
/** The public (native) client the demo signs in with: it may use the password and refresh-token grants. */
export const DEMO_SIGN_IN_CLIENT_ID = 'emulator-demo-sign-in';
export const PASSWORD_REALM_GRANT = 'http://auth0.com/oauth/grant-type/password-realm';
/** The scopes Auth0 gives end users on the Management API (the `*:current_user*` family). */
export const SELF_SERVICE_SCOPES = [
  'read:current_user', 'update:current_user_metadata', 'create:current_user_metadata', 'delete:current_user_metadata',
  'update:current_user_identities', 'create:current_user_device_credentials', 'delete:current_user_device_credentials', 'delete:current_user',
] as const;
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const USER_TOKEN_SECONDS = 7_200;

const passwords = new WeakMap<Tenant, Map<string, string>>();

/**
 * Gives the first two unblocked users of the database connection the demo password, and adds
 * the demo sign-in client. Called last by the seed: the seeded data before it is unchanged.
 */
export function addDemoSignIn(t: Tenant, databaseConnection: string): void {
  const users = [...t.users.values()]
    .filter((u) => !u.blocked && (u.identities as Array<{ connection?: unknown }>)[0]?.connection === databaseConnection)
    .slice(0, 2);
  passwords.set(t, new Map(users.map((u) => [String(u.user_id), DEMO_PASSWORD])));
  t.clients.set(DEMO_SIGN_IN_CLIENT_ID, {
    client_id: DEMO_SIGN_IN_CLIENT_ID, name: 'Demo sign-in (emulator)', description: 'Public client the emulator demo signs users in with (password grant).',
    app_type: 'native', is_first_party: true, oidc_conformant: true, global: false, sso_disabled: false, tenant: 'emulator',
    callbacks: [], allowed_origins: [], web_origins: [], allowed_logout_urls: [],
    grant_types: ['password', PASSWORD_REALM_GRANT, 'refresh_token'], token_endpoint_auth_method: 'none',
    jwt_configuration: { alg: 'ES256', lifetime_in_seconds: 36_000 }, client_metadata: {},
  });
}

/** The demo users of a tenant: emails and user ids (README, tests). */
export function demoUsers(t: Tenant): Array<{ userId: string; email: string }> {
  return [...(passwords.get(t)?.keys() ?? [])].map((userId) => ({ userId, email: String(t.users.get(userId)?.email) }));
}

export interface AuthState {
  tenant: Tenant;
  issuer: TokenIssuer;
  audience: string;
  /** Refresh tokens issued: token → what a refresh gives again. */
  refreshTokens?: Map<string, { clientId: string; sub: string; scope: string[] }>;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const deny = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

/** `POST /oauth/token` for the user grants; undefined for a grant type this file does not answer. */
export async function userGrant(state: AuthState, params: Record<string, string>): Promise<TokenAnswer | undefined> {
  const grantType = params.grant_type;
  if (grantType !== 'password' && grantType !== PASSWORD_REALM_GRANT && grantType !== 'refresh_token') return undefined;
  const client = state.tenant.clients.get(params.client_id ?? '');
  if (!client) return deny(401, 'access_denied', 'Unauthorized');
  if (client.token_endpoint_auth_method !== 'none' && client.client_secret !== params.client_secret) return deny(401, 'access_denied', 'Unauthorized');
  if (!(client.grant_types as string[] | undefined)?.includes(grantType)) {
    return deny(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`);
  }
  const refreshTokens = state.refreshTokens ??= new Map();
  if (grantType === 'refresh_token') {
    const known = refreshTokens.get(params.refresh_token ?? '');
    if (!known || known.clientId !== client.client_id) return deny(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    if (!state.tenant.users.has(known.sub)) return deny(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    return { status: 200, body: await tokens(state, known.clientId, known.sub, known.scope, undefined) };
  }
  if (!params.username || !params.password) return deny(400, 'invalid_request', 'Missing required parameter: username and password');
  if (grantType === PASSWORD_REALM_GRANT && !params.realm) return deny(400, 'invalid_request', 'Missing required parameter: realm');
  const audience = params.audience ?? state.audience;
  if (audience !== state.audience) return deny(403, 'access_denied', `Service not found: ${audience}`);
  // Without a realm, Auth0 uses the tenant's default directory: the demo tenant's is its database connection.
  const realm = params.realm ?? 'Username-Password-Authentication';
  const name = params.username.toLowerCase();
  const user = [...state.tenant.users.values()].find((u) => (String(u.email ?? '').toLowerCase() === name || String(u.username ?? '').toLowerCase() === name)
    && (u.identities as Array<{ connection?: unknown }>)[0]?.connection === realm);
  const password = user && passwords.get(state.tenant)?.get(String(user.user_id));
  if (!user || password === undefined || password !== params.password) return deny(403, 'invalid_grant', 'Wrong email or password.');
  if (user.blocked) return deny(401, 'unauthorized', 'user is blocked');
  const asked = String(params.scope ?? '').split(/\s+/).filter(Boolean);
  const scope = asked.filter((s) => OIDC_SCOPES.has(s) || (SELF_SERVICE_SCOPES as readonly string[]).includes(s));
  let refresh: string | undefined;
  if (scope.includes('offline_access') && (client.grant_types as string[]).includes('refresh_token')) {
    refresh = randomBytes(24).toString('base64url');
    refreshTokens.set(refresh, { clientId: String(client.client_id), sub: String(user.user_id), scope });
  }
  return { status: 200, body: await tokens(state, String(client.client_id), String(user.user_id), scope, refresh) };
}

async function tokens(state: AuthState, clientId: string, sub: string, scope: string[], refresh: string | undefined): Promise<Record<string, unknown>> {
  const apiScopes = scope.filter((s) => !OIDC_SCOPES.has(s));
  return {
    access_token: await state.issuer.issue(clientId, apiScopes, USER_TOKEN_SECONDS, sub),
    ...(refresh ? { refresh_token: refresh } : {}),
    scope: scope.join(' '), expires_in: USER_TOKEN_SECONDS, token_type: 'Bearer',
  };
}

/** `GET /.well-known/openid-configuration`: the parts a verifier reads. */
export function openidConfiguration(issuer: string, origin: string): Record<string, unknown> {
  return {
    issuer, jwks_uri: `${origin}/.well-known/jwks.json`, token_endpoint: `${origin}/oauth/token`,
    grant_types_supported: ['client_credentials', 'password', PASSWORD_REALM_GRANT, 'refresh_token'],
    id_token_signing_alg_values_supported: ['ES256'], scopes_supported: ['openid', 'profile', 'email', 'offline_access', ...SELF_SERVICE_SCOPES],
  };
}
