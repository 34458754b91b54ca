/**
 * The demo tenant, made from a seed: 520 users over three connections (a database, Google and a
 * SAML enterprise connection), 12 roles with permissions, 6 organizations with members and
 * member roles, 25 clients (and the demo sign-in client, auth-api.ts), their grants, 4 APIs and 2,000 log events. Same seed, same tenant.
 */
import { Random } from './random.js';
import { addDemoSignIn } from './auth-api.js';
import { type Json, type Permission, Tenant } from './tenant.js';

export const DEMO_CLIENT_ID = 'emulator-gateway-client';
export const DEMO_CLIENT_SECRET = 'emulator-demo-secret-not-for-production';

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'John', 'Radia', 'Tim', 'Hedy', 'Edsger', 'Katherine', 'Donald', 'Shafi', 'Leslie', 'Sophie', 'Guido', 'Yukihiro', 'Anders', 'Bjarne', 'Niklaus', 'Joan', 'Mary', 'Vint', 'Whitfield', 'Adele', 'Jean'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'McCarthy', 'Perlman', 'Berners-Lee', 'Lamarr', 'Dijkstra', 'Johnson', 'Knuth', 'Goldwasser', 'Lamport', 'Wilson', 'van Rossum', 'Matsumoto', 'Hejlsberg', 'Stroustrup', 'Wirth', 'Clarke', 'Keller', 'Cerf', 'Diffie', 'Goldberg', 'Sammet'];
const DOMAINS = ['example.com', 'acme.test', 'globex.test', 'initech.test', 'umbrella.test'];
const CITIES = ['Paris', 'Lagos', 'Osaka', 'Lima', 'Oslo', 'Austin', 'Pune', 'Cairo'];
const BASE = Date.UTC(2026, 0, 1);
const day = 86_400_000;

export interface SeedResult {
  tenant: Tenant;
  managementAudience: string;
}

export function seedTenant(seed: number, managementAudience: string, allScopes: string[]): Tenant {
  const rnd = new Random(seed);
  const t = new Tenant();
  const iso = (ms: number) => new Date(ms).toISOString();

  // APIs: the Management API itself (a system API), and three of the demo company's.
  const apis: Array<[string, string, string[]]> = [
    ['Auth0 Management API', managementAudience, allScopes],
    ['Orders API', 'https://api.acme.test/orders', ['read:orders', 'create:orders', 'update:orders', 'delete:orders']],
    ['Billing API', 'https://api.acme.test/billing', ['read:invoices', 'pay:invoices', 'refund:invoices']],
    ['Inventory API', 'https://api.acme.test/inventory', ['read:stock', 'write:stock', 'audit:stock']],
  ];
  apis.forEach(([name, identifier, scopes], i) => {
    const id = i === 0 ? 'rs_management000000' : `rs_${rnd.hex(16)}`;
    t.resourceServers.set(id, {
      id, name, identifier, is_system: i === 0, signing_alg: 'RS256', token_lifetime: 86_400, token_lifetime_for_web: 7_200,
      allow_offline_access: i !== 0, skip_consent_for_verifiable_first_party_clients: true, enforce_policies: false,
      token_dialect: 'access_token', scopes: scopes.map((value) => ({ value, description: value.replace(':', ' ') })),
    });
  });
  const appApis = [...t.resourceServers.values()].slice(1);
  const appPermissions: Permission[] = appApis.flatMap((api) =>
    (api.scopes as Array<{ value: string }>).map((s) => ({ resource_server_identifier: String(api.identifier), permission_name: s.value })));

  // Clients: the gateway's own machine-to-machine client first, granted every scope.
  const appTypes = ['spa', 'regular_web', 'native', 'non_interactive'] as const;
  for (let i = 0; i < 25; i++) {
    const client_id = i === 0 ? DEMO_CLIENT_ID : rnd.alnum(32);
    const app_type = i === 0 ? 'non_interactive' : rnd.pick(appTypes);
    t.clients.set(client_id, {
      client_id, name: i === 0 ? 'GraphQL Gateway (emulator demo)' : `${rnd.pick(['Acme', 'Globex', 'Initech', 'Umbrella'])} ${rnd.pick(['Portal', 'Mobile', 'Dashboard', 'Sync', 'Reports', 'Checkout'])} ${i}`,
      description: i === 0 ? 'Machine-to-machine client the gateway uses against the emulator.' : '',
      app_type, is_first_party: true, oidc_conformant: true, global: false, sso_disabled: false,
      client_secret: i === 0 ? DEMO_CLIENT_SECRET : rnd.alnum(64), tenant: 'emulator',
      callbacks: app_type === 'non_interactive' ? [] : [`https://app${i}.acme.test/callback`],
      allowed_origins: [], web_origins: [], allowed_logout_urls: [],
      grant_types: app_type === 'non_interactive' ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: app_type === 'spa' || app_type === 'native' ? 'none' : 'client_secret_post',
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36_000 },
      client_metadata: { team: rnd.pick(['identity', 'payments', 'growth']) },
    });
  }
  const clientIds = [...t.clients.keys()];
  const grant = (client_id: string, audience: string, scope: string[]) => {
    const id = `cgr_${rnd.alnum(16)}`;
    t.clientGrants.set(id, { id, client_id, audience, scope, subject_type: 'client' });
  };
  grant(DEMO_CLIENT_ID, managementAudience, allScopes);
  for (const clientId of clientIds.filter((id) => t.clients.get(id)!.app_type === 'non_interactive' && id !== DEMO_CLIENT_ID)) {
    const api = rnd.pick(appApis);
    grant(clientId, String(api.identifier), rnd.sample((api.scopes as Array<{ value: string }>).map((s) => s.value), 2));
  }

  // Connections.
  const conns: Array<[string, string, string]> = [
    ['Username-Password-Authentication', 'auth0', 'Email and password'],
    ['google-oauth2', 'google-oauth2', 'Google'],
    ['acme-saml', 'samlp', 'Acme corporate SSO'],
  ];
  const connectionIds: string[] = [];
  for (const [name, strategy, display_name] of conns) {
    const id = `con_${rnd.alnum(16)}`;
    connectionIds.push(id);
    t.connections.set(id, {
      id, name, display_name, strategy, realms: [name], is_domain_connection: false, show_as_button: strategy === 'samlp',
      enabled_clients: rnd.sample(clientIds, 10), metadata: {},
      options: strategy === 'auth0' ? { passwordPolicy: 'good', brute_force_protection: true } : strategy === 'samlp'
        ? { signInEndpoint: 'https://sso.acme.test/saml', signatureAlgorithm: 'rsa-sha256' } : { scope: ['email', 'profile'] },
    });
  }

  // Roles with permissions.
  const roleNames = ['Admin', 'Support', 'Billing Manager', 'Auditor', 'Developer', 'Viewer', 'Editor', 'Sales', 'Warehouse', 'Finance', 'Security', 'Owner'];
  for (const name of roleNames) {
    const id = `rol_${rnd.alnum(16)}`;
    t.roles.set(id, { id, name, description: `${name} role of the demo tenant` });
    t.rolePermissions.set(id, rnd.sample(appPermissions, rnd.int(1, 4)));
  }
  const roleIds = [...t.roles.keys()];

  // Users.
  for (let i = 0; i < 520; i++) {
    const given = rnd.pick(FIRST);
    const family = rnd.pick(LAST);
    const connection = i % 10 < 6 ? conns[0]! : i % 10 < 9 ? conns[1]! : conns[2]!;
    const provider = connection[1] === 'auth0' ? 'auth0' : connection[1];
    const raw = connection[1] === 'google-oauth2' ? String(100_000_000_000 + rnd.int(0, 899_999_999_999)) : rnd.hex(24);
    const user_id = `${provider}|${raw}`;
    const email = `${given}.${family}${i}@${rnd.pick(DOMAINS)}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
    const created = BASE - rnd.int(30, 700) * day;
    const logins = rnd.int(0, 300);
    t.users.set(user_id, {
      user_id, email, email_verified: rnd.next() > 0.2, name: `${given} ${family}`, given_name: given, family_name: family,
      nickname: given.toLowerCase(), picture: `https://avatars.acme.test/${rnd.hex(12)}.png`,
      created_at: iso(created), updated_at: iso(created + rnd.int(0, 30) * day),
      identities: [{ connection: connection[0], provider, user_id: raw, isSocial: provider === 'google-oauth2' }],
      app_metadata: { plan: rnd.pick(['free', 'pro', 'enterprise']), customer_id: `cus_${rnd.alnum(10)}` },
      user_metadata: { city: rnd.pick(CITIES), locale: rnd.pick(['en', 'fr', 'ja', 'es']) },
      logins_count: logins, ...(logins > 0 ? { last_login: iso(BASE - rnd.int(0, 60) * day), last_ip: `203.0.113.${rnd.int(1, 254)}` } : {}),
      blocked: rnd.next() < 0.02,
    });
    if (rnd.next() < 0.4) t.userRoles.set(user_id, new Set(rnd.sample(roleIds, rnd.int(1, 2))));
    if (rnd.next() < 0.1) t.userPermissions.set(user_id, rnd.sample(appPermissions, 1));
  }
  const userIds = [...t.users.keys()];

  // Organizations with members and member roles.
  for (const name of ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark']) {
    const id = `org_${rnd.alnum(16)}`;
    t.organizations.set(id, {
      id, name, display_name: name.charAt(0).toUpperCase() + name.slice(1) + ' Corp',
      branding: { colors: { primary: `#${rnd.hex(6)}`, page_background: '#ffffff' } }, metadata: { tier: rnd.pick(['gold', 'silver']) },
    });
    const members = new Map<string, Set<string>>();
    for (const userId of rnd.sample(userIds, rnd.int(40, 140))) members.set(userId, new Set(rnd.next() < 0.5 ? rnd.sample(roleIds, 1) : []));
    t.orgMembers.set(id, members);
    t.orgConnections.set(id, new Map(rnd.sample(connectionIds, 2).map((connection_id) => [connection_id, { connection_id, assign_membership_on_login: false, show_as_button: true, is_signup_enabled: true }])));
    t.orgInvitations.set(id, new Map());
  }

  // Logs, oldest first (log ids grow with time, which checkpoint paging relies on).
  const types: Array<[string, string]> = [['s', 'Success Login'], ['f', 'Failed Login'], ['seacft', 'Success Exchange'], ['sapi', 'Success API Operation'], ['ss', 'Success Signup'], ['fp', 'Incorrect Password']];
  for (let i = 0; i < 2000; i++) {
    const [type, description] = rnd.pick(types);
    const userId = rnd.pick(userIds);
    const user = t.users.get(userId)!;
    const client = t.clients.get(rnd.pick(clientIds))!;
    const identity = (user.identities as Json[])[0]!;
    const connection = [...t.connections.values()].find((c) => c.name === identity.connection)!;
    const log_id = `9002026${String(i).padStart(10, '0')}${rnd.hex(8)}`;
    // What real events carry beyond the spec (spec/overlays): _id, tenant_name, details, and, where they apply,
    // the organization, the token's audience and scope, and where the IP is.
    const inOrg = i % 7 === 0 ? [...t.organizations.values()][i % t.organizations.size]! : undefined;
    const login = type === 's' || type === 'f' || type === 'fp';
    t.logs.push({
      _id: log_id, log_id, tenant_name: 'emulator', details: type === 'seacft' ? { code: '*************' } : {},
      ...(inOrg ? { organization_id: inOrg.id, organization_name: inOrg.name } : {}),
      ...(type === 'seacft' ? { audience: 'https://api.acme.test/orders', scope: 'openid profile read:orders' } : {}),
      ...(login ? { location_info: { country_code: 'FR', country_code3: 'FRA', country_name: 'France', city_name: rnd.pick(CITIES), latitude: 48.85, longitude: 2.35, time_zone: 'Europe/Paris', continent_code: 'EU' } } : {}),
      date: iso(BASE - (2000 - i) * 3_600_000), type, description,
      client_id: client.client_id, client_name: client.name, ip: `198.51.100.${rnd.int(1, 254)}`, user_id: userId, user_name: user.email,
      connection: identity.connection, connection_id: connection.id, strategy: connection.strategy, strategy_type: connection.strategy === 'auth0' ? 'database' : connection.strategy === 'samlp' ? 'enterprise' : 'social',
      hostname: 'emulator.acme.test', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)', isMobile: false,
    });
  }
  // Last, so that everything above is as it was: two users get the demo password, and the demo sign-in client is added (auth-api.ts).
  addDemoSignIn(t, conns[0]![0]);
  return t;
}

export type { Json };
