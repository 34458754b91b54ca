/**
 * Descriptions for the graph's core types (issue 13, "Names"): the spec describes most properties
 * but few of its entity schemas, so GraphiQL's docs panel showed `User` or `Connection` with no
 * word about what they are. Written for this project from Auth0's documented behaviour; applied
 * after the type names are settled, only where the spec gives no description of its own.
 */
import type { GenContext } from './context.js';

export const CORE_TYPE_DESCRIPTIONS: Record<string, string> = {
  User: 'A person (or machine identity) in the tenant\'s user store: the normalised profile Auth0 keeps for them, '
    + 'their linked identities from each connection they signed in with, and the `app_metadata`/`user_metadata` '
    + 'applications attach. `userId` is `<provider>|<id>` and never changes.',
  Connection: 'An identity source users sign in with: Auth0\'s own database, a social provider (Google, GitHub …), '
    + 'an enterprise directory (SAML, OIDC, Azure AD, AD/LDAP …) or passwordless email/SMS. `strategy` says which; '
    + '`options` hold its settings. Not to be confused with the paging types (`…Page`).',
  Role: 'A named set of API permissions that can be given to users (directly, or inside an organization) '
    + 'for role-based access control.',
  Organization: 'A customer, partner or team that uses your applications (Auth0 Organizations, for B2B): '
    + 'it has members, the roles they hold in it, the connections its users sign in with, invitations and branding.',
  Log: 'One tenant log event: a sign-in, a failed attempt, an API operation, a configuration change … '
    + '`type` is Auth0\'s short event code (`s` a successful login, `f` a failed one …), `date` when it happened. '
    + 'Auth0 keeps log events for a limited, plan-dependent time.',
  Job: 'A background task Auth0 runs for the tenant: a bulk user import into a database connection, a user export '
    + 'to a file, or sending verification emails. Poll it by `id` until `status` is `completed` or `failed`; '
    + '`summary` counts what was done and the job\'s errors are read separately.',
  Client: 'An application registered with Auth0 (Auth0 calls it a client): a single-page, regular web, native '
    + 'or machine-to-machine app, with its callbacks, grant types and credentials.',
  ResourceServer: 'An API registered with Auth0: the audience access tokens are issued for, the permissions '
    + '(scopes) it defines and the token settings used for it.',
  ClientGrant: 'The permission for an application to get access tokens for an API with the client-credentials '
    + 'grant, limited to the listed scopes.',
  OrganizationMember: 'A user who belongs to an organization, with the profile summary the member list carries; '
    + '`user` is the full user.',
  RoleUser: 'A user a role is assigned to, with the profile summary the role\'s user list carries; `user` is the full user.',
  UserPermission: 'An API permission a user holds, directly or through a role (`sources` says which).',
  Rule: 'A legacy JavaScript rule run during authentication (superseded by Actions).',
  Action: 'A piece of Node.js code run at one of Auth0\'s extensibility points (a trigger such as post-login), '
    + 'with its versions, dependencies and secrets.',
  Hook: 'A legacy Node.js hook run at an extensibility point (superseded by Actions).',
  DeviceCredential: 'A credential issued to one of a user\'s devices: a refresh token, or a public key registered by a native app.',
  OrganizationInvitation: 'An invitation for a person to join an organization, through the invitation link sent to them.',
  CustomDomain: 'A domain of your own (for example `login.example.com`) serving Auth0\'s login pages and endpoints, '
    + 'with its verification and certificate status.',
  Session: 'A user\'s login session at Auth0: the device, the applications it was used for and when it expires.',
  RefreshToken: 'A refresh token issued to a user for an application, with its session, device and expiry.',
  ConnectionProfile: 'A reusable template of connection settings, for example applied to connections created through self-service SSO.',
  Flow: 'A Forms flow: a sequence of actions (calls to Auth0 or third-party services) run when a form is submitted.',
  Form: 'A form shown during login (Auth0 Forms), made of steps and fields, that can run flows.',
  NetworkAcl: 'A tenant access-control rule: which network traffic (by IP, country, user agent …) is allowed, blocked or redirected.',
  RateLimitPolicy: 'A rate-limit policy of the tenant: which requests it applies to and the limits it sets.',
  SelfServiceProfile: 'A self-service SSO profile: what a customer\'s administrator may set up when configuring SSO for their organization.',
  TokenExchangeProfile: 'A custom token-exchange profile: which subject token type an application may exchange, and the Action that validates it.',
  UserAttributeProfile: 'A profile describing the user attributes (and their mapping) collected for self-service and provisioning.',
  OrganizationConnectionSettings: 'A connection enabled for an organization, with the organization\'s settings for it: whether '
    + 'signing in through it makes the user a member, whether it appears as a login button, whether sign-up is allowed.',
  OrganizationConnectionAccess: 'A connection as one organization sees it, enabled or not, with the access level the organization has to it.',
  UserIdentity: 'One identity linked to a user: the account at a connection (provider and the user\'s id there) '
    + 'they can sign in with.',
  LinkedIdentity: 'One of a user\'s identities as linking and unlinking answer them: the primary user\'s identities after the change.',
  UserGrant: 'A consent a user has given an application for an API (the scopes granted).',
  UserEffectiveRole: 'A role a user holds, directly or through a group, with where it comes from (`sources`).',
  OrganizationMemberRole: 'A role a member holds inside an organization.',
  OrganizationClientGrant: 'A client grant associated with an organization: the application may get tokens for the API on the organization\'s behalf.',
  ConnectionEnabledClient: 'An application that can use a connection for sign-in.',
  UserAuthenticationMethod: 'A second factor or passwordless method a user has enrolled (authenticator app, SMS, email, WebAuthn key …).',
  SigningKeys: 'A key the tenant signs tokens with (the current, next or a previous one), as published in the tenant\'s JWKS.',
  LogStream: 'A destination the tenant\'s log events are streamed to (an HTTP endpoint, Amazon EventBridge, Azure Event Grid, Datadog, Splunk, Sumo Logic, Segment, Mixpanel): one member type per kind.',
  EventStream: 'A subscription that delivers tenant events (user created, updated …) to a webhook or Amazon EventBridge: one member type per destination.',
};

export function describeCoreTypes(ctx: GenContext): void {
  for (const [name, description] of Object.entries(CORE_TYPE_DESCRIPTIONS)) {
    const type = ctx.types.get(name);
    if (type && !type.description) type.description = description;
  }
}
