/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One condition on `app_metadata`: the value at `path` (dot-separated keys, `plan` or `subscription.tier`) equals `equals`, or one of `anyOf`. Auth0 matches metadata case-sensitively; strings only (Auth0 compares numbers and booleans by their text). */
export type AppMetadataFilter = {
  /** Any of these exact values (OR-ed). */
  anyOf?: Array<string> | null | undefined;
  /** The exact value. */
  equals?: string | null | undefined;
  /** Keys below `app_metadata`, dot-separated: letters, digits, `_` and `-` only. */
  path: string;
};

/** The type of application this client represents */
export type ClientAppType =
  /** Sent to Auth0 as `box`. */
  | 'BOX'
  /** Sent to Auth0 as `cloudbees`. */
  | 'CLOUDBEES'
  /** Sent to Auth0 as `concur`. */
  | 'CONCUR'
  /** Sent to Auth0 as `dropbox`. */
  | 'DROPBOX'
  /** Sent to Auth0 as `echosign`. */
  | 'ECHOSIGN'
  /** Sent to Auth0 as `egnyte`. */
  | 'EGNYTE'
  /** Sent to Auth0 as `express_configuration`. */
  | 'EXPRESS_CONFIGURATION'
  /** Sent to Auth0 as `mscrm`. */
  | 'MSCRM'
  /** Sent to Auth0 as `native`. */
  | 'NATIVE'
  /** Sent to Auth0 as `newrelic`. */
  | 'NEWRELIC'
  /** Sent to Auth0 as `non_interactive`. */
  | 'NON_INTERACTIVE'
  /** Sent to Auth0 as `oag`. */
  | 'OAG'
  /** Sent to Auth0 as `office365`. */
  | 'OFFICE365'
  /** Sent to Auth0 as `regular_web`. */
  | 'REGULAR_WEB'
  /** Sent to Auth0 as `resource_server`. */
  | 'RESOURCE_SERVER'
  /** Sent to Auth0 as `rms`. */
  | 'RMS'
  /** Sent to Auth0 as `salesforce`. */
  | 'SALESFORCE'
  /** Sent to Auth0 as `sentry`. */
  | 'SENTRY'
  /** Sent to Auth0 as `sharepoint`. */
  | 'SHAREPOINT'
  /** Sent to Auth0 as `slack`. */
  | 'SLACK'
  /** Sent to Auth0 as `spa`. */
  | 'SPA'
  /** Sent to Auth0 as `springcm`. */
  | 'SPRINGCM'
  /** Sent to Auth0 as `sso_integration`. */
  | 'SSO_INTEGRATION'
  /** Sent to Auth0 as `zendesk`. */
  | 'ZENDESK'
  /** Sent to Auth0 as `zoom`. */
  | 'ZOOM';

/** The identity provider identifier for the connection */
export type ConnectionIdentityProvider =
  /** Sent to Auth0 as `ad`. */
  | 'AD'
  /** Sent to Auth0 as `adfs`. */
  | 'ADFS'
  /** Sent to Auth0 as `amazon`. */
  | 'AMAZON'
  /** Sent to Auth0 as `apple`. */
  | 'APPLE'
  /** Sent to Auth0 as `auth0`. */
  | 'AUTH0'
  /** Sent to Auth0 as `auth0-oidc`. */
  | 'AUTH0_OIDC'
  /** Sent to Auth0 as `baidu`. */
  | 'BAIDU'
  /** Sent to Auth0 as `bitbucket`. */
  | 'BITBUCKET'
  /** Sent to Auth0 as `bitly`. */
  | 'BITLY'
  /** Sent to Auth0 as `box`. */
  | 'BOX'
  /** Sent to Auth0 as `custom`. */
  | 'CUSTOM'
  /** Sent to Auth0 as `daccount`. */
  | 'DACCOUNT'
  /** Sent to Auth0 as `dropbox`. */
  | 'DROPBOX'
  /** Sent to Auth0 as `dwolla`. */
  | 'DWOLLA'
  /** Sent to Auth0 as `email`. */
  | 'EMAIL'
  /** Sent to Auth0 as `evernote`. */
  | 'EVERNOTE'
  /** Sent to Auth0 as `evernote-sandbox`. */
  | 'EVERNOTE_SANDBOX'
  /** Sent to Auth0 as `exact`. */
  | 'EXACT'
  /** Sent to Auth0 as `facebook`. */
  | 'FACEBOOK'
  /** Sent to Auth0 as `fitbit`. */
  | 'FITBIT'
  /** Sent to Auth0 as `github`. */
  | 'GITHUB'
  /** Sent to Auth0 as `google-apps`. */
  | 'GOOGLE_APPS'
  /** Sent to Auth0 as `google-oauth2`. */
  | 'GOOGLE_OAUTH2'
  /** Sent to Auth0 as `instagram`. */
  | 'INSTAGRAM'
  /** Sent to Auth0 as `ip`. */
  | 'IP'
  /** Sent to Auth0 as `line`. */
  | 'LINE'
  /** Sent to Auth0 as `linkedin`. */
  | 'LINKEDIN'
  /** Sent to Auth0 as `oauth1`. */
  | 'OAUTH1'
  /** Sent to Auth0 as `oauth2`. */
  | 'OAUTH2'
  /** Sent to Auth0 as `office365`. */
  | 'OFFICE365'
  /** Sent to Auth0 as `oidc`. */
  | 'OIDC'
  /** Sent to Auth0 as `okta`. */
  | 'OKTA'
  /** Sent to Auth0 as `paypal`. */
  | 'PAYPAL'
  /** Sent to Auth0 as `paypal-sandbox`. */
  | 'PAYPAL_SANDBOX'
  /** Sent to Auth0 as `pingfederate`. */
  | 'PINGFEDERATE'
  /** Sent to Auth0 as `planningcenter`. */
  | 'PLANNINGCENTER'
  /** Sent to Auth0 as `salesforce`. */
  | 'SALESFORCE'
  /** Sent to Auth0 as `salesforce-community`. */
  | 'SALESFORCE_COMMUNITY'
  /** Sent to Auth0 as `salesforce-sandbox`. */
  | 'SALESFORCE_SANDBOX'
  /** Sent to Auth0 as `samlp`. */
  | 'SAMLP'
  /** Sent to Auth0 as `sharepoint`. */
  | 'SHAREPOINT'
  /** Sent to Auth0 as `shop`. */
  | 'SHOP'
  /** Sent to Auth0 as `shopify`. */
  | 'SHOPIFY'
  /** Sent to Auth0 as `sms`. */
  | 'SMS'
  /** Sent to Auth0 as `soundcloud`. */
  | 'SOUNDCLOUD'
  /** Sent to Auth0 as `thirtysevensignals`. */
  | 'THIRTYSEVENSIGNALS'
  /** Sent to Auth0 as `twitter`. */
  | 'TWITTER'
  /** Sent to Auth0 as `untappd`. */
  | 'UNTAPPD'
  /** Sent to Auth0 as `vkontakte`. */
  | 'VKONTAKTE'
  /** Sent to Auth0 as `waad`. */
  | 'WAAD'
  /** Sent to Auth0 as `weibo`. */
  | 'WEIBO'
  /** Sent to Auth0 as `windowslive`. */
  | 'WINDOWSLIVE'
  /** Sent to Auth0 as `wordpress`. */
  | 'WORDPRESS'
  /** Sent to Auth0 as `yahoo`. */
  | 'YAHOO'
  /** Sent to Auth0 as `yandex`. */
  | 'YANDEX';

/** Password strength level */
export type ConnectionPasswordPolicy =
  /** Sent to Auth0 as `excellent`. */
  | 'EXCELLENT'
  /** Sent to Auth0 as `fair`. */
  | 'FAIR'
  /** Sent to Auth0 as `good`. */
  | 'GOOD'
  /** Sent to Auth0 as `low`. */
  | 'LOW'
  /** Sent to Auth0 as `none`. */
  | 'NONE';

export type PermissionRequestPayloadInput = {
  /** Name of this permission. */
  permissionName: string;
  /** Resource server (API) identifier that this permission is for. */
  resourceServerIdentifier: string;
};

export type UpdateRoleInput = {
  /** Description of this role. */
  description?: string | null | undefined;
  /** Name of this role. */
  name?: string | null | undefined;
};

/** Named filters on users, compiled by the gateway to an escaped Lucene `q` (search engine v3). The fields set are AND-ed together and with `q`; values are matched exactly (quoted), never parsed as Lucene. */
export type UserFilter = {
  /** Conditions on `app_metadata` values, all of which must hold. */
  appMetadata?: Array<AppMetadataFilter> | null | undefined;
  /** Whether the user is blocked (through the dashboard or the Management API). */
  blocked?: boolean | null | undefined;
  /** Connection names: users of any of them (OR-ed), by `identities.connection`. */
  connection?: Array<string> | null | undefined;
  /** The exact email address (case-insensitive, as Auth0 matches emails). */
  email?: string | null | undefined;
  /** The domain part of the email (`example.com`). */
  emailDomain?: string | null | undefined;
  /** Whether the email is verified. */
  emailVerified?: boolean | null | undefined;
  /** The exact full name (case-insensitive). */
  name?: string | null | undefined;
  /** The exact nickname (case-insensitive). */
  nickname?: string | null | undefined;
  /** The exact username. */
  username?: string | null | undefined;
};

export type ConnectionSettingsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConnectionSettingsQuery = { connection: { id: string, connectionId: string, name: string, displayName: string | null, strategy: ConnectionIdentityProvider | null, options: { passwordPolicy: ConnectionPasswordPolicy | null, extra: unknown } | null, clients: { nodes: Array<{ clientId: string | null, client: { name: string, appType: ClientAppType | null } | null }> } | null } | null };

export type OrganizationMembersQueryVariables = Exact<{
  id: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type OrganizationMembersQuery = { organization: { id: string, organizationId: string, name: string, displayName: string | null, members: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, name: string | null, email: string | null, picture: string | null, roles: Array<{ id: string | null, name: string | null }> | null }> } | null } | null };

export type RoleEditorQueryVariables = Exact<{
  id: string | number;
}>;


export type RoleEditorQuery = { role: { id: string, roleId: string, name: string, description: string | null, permissions: { totalCount: number, nodes: Array<{ permissionName: string | null, resourceServerIdentifier: string | null, resourceServerName: string | null, description: string | null }> } | null, users: { totalCount: number | null, nodes: Array<{ userId: string, name: string | null, email: string | null, picture: string | null }> } | null } | null };

export type UpdateRoleMutationVariables = Exact<{
  id: string | number;
  input: UpdateRoleInput;
}>;


export type UpdateRoleMutation = { updateRole: { id: string, roleId: string, name: string, description: string | null } | null };

export type AddRolePermissionsMutationVariables = Exact<{
  id: string | number;
  permissions: Array<PermissionRequestPayloadInput> | PermissionRequestPayloadInput;
}>;


export type AddRolePermissionsMutation = { addRolePermissions: boolean | null };

export type UserDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type UserDetailQuery = { user: { id: string, userId: string, name: string | null, email: string | null, emailVerified: boolean | null, picture: string | null, createdAt: string | null, lastLogin: string | null, blocked: boolean | null, roles: { totalCount: number | null, nodes: Array<{ id: string, roleId: string, name: string, description: string | null }> } | null, permissions: { totalCount: number, nodes: Array<{ permissionName: string, resourceServerIdentifier: string, resourceServerName: string | null, sources: Array<{ sourceType: string | null, sourceName: string | null }> | null }> } | null, organizations: { nodes: Array<{ id: string, organizationId: string, name: string, displayName: string | null }> } | null, logs: { nodes: Array<{ id: string, logId: string, type: string | null, date: unknown, description: string | null, clientName: string | null, ip: string | null }> } | null } | null };

export type UserListQueryVariables = Exact<{
  filter?: UserFilter | null | undefined;
  page: number;
  pageSize: number;
}>;


export type UserListQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean }, nodes: Array<{ id: string, userId: string, name: string | null, email: string | null, picture: string | null, blocked: boolean | null, lastLogin: string | null, identities: Array<{ connection: string | null }> }> } | null };


export const ConnectionSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectionSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"passwordPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"extra"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"appType"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConnectionSettingsQuery, ConnectionSettingsQueryVariables>;
export const OrganizationMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationMembersQuery, OrganizationMembersQueryVariables>;
export const RoleEditorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoleEditor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roleId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permissionName"}},{"kind":"Field","name":{"kind":"Name","value":"resourceServerIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"resourceServerName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RoleEditorQuery, RoleEditorQueryVariables>;
export const UpdateRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roleId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]} as unknown as DocumentNode<UpdateRoleMutation, UpdateRoleMutationVariables>;
export const AddRolePermissionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddRolePermissions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"permissions"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PermissionRequestPayloadInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addRolePermissions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"permissions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"permissions"}}}]}}]}]}}]} as unknown as DocumentNode<AddRolePermissionsMutation, AddRolePermissionsMutationVariables>;
export const UserDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastLogin"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roleId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"permissions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permissionName"}},{"kind":"Field","name":{"kind":"Name","value":"resourceServerIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"resourceServerName"}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"sourceName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"StringValue","value":"date:-1","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"logId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"clientName"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UserDetailQuery, UserDetailQueryVariables>;
export const UserListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pageSize"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}},{"kind":"Argument","name":{"kind":"Name","value":"pageSize"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pageSize"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"StringValue","value":"email:1","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"lastLogin"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UserListQuery, UserListQueryVariables>;