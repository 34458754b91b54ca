/**
 * Screen 5 — connection settings: a connection's name, strategy and main options (password
 * policy, sign-ups, brute-force protection), and the applications it is enabled for.
 */
import { graphql } from './gql/index.js';
import type { ClientAppType, ConnectionPasswordPolicy, ConnectionSettingsQuery } from './gql/graphql.js';

export const ConnectionSettingsDocument = graphql(`
  query ConnectionSettings($id: ID!) {
    connection(id: $id) {
      id
      connectionId
      name
      displayName
      strategy
      options {
        passwordPolicy
        extra
      }
      clients(first: 50) {
        nodes {
          clientId
          client { name appType }
        }
      }
    }
  }
`);

export interface ConnectionSettingsView {
  title: string;
  strategy: string;
  settings: Array<{ label: string; value: string }>;
  applications: Array<{ clientId: string; label: string; type: string }>;
}

const APP_TYPES: Partial<Record<ClientAppType, string>> = {
  NATIVE: 'Native',
  SPA: 'Single-page app',
  REGULAR_WEB: 'Web app',
  NON_INTERACTIVE: 'Machine to machine',
};

const PASSWORD_POLICIES: Record<ConnectionPasswordPolicy, string> = {
  NONE: 'None',
  LOW: 'Low',
  FAIR: 'Fair',
  GOOD: 'Good',
  EXCELLENT: 'Excellent',
};

/** Options the typed fields leave in `extra` (JSON, wire keys): the screen writes their shape down itself. */
interface ExtraOptions {
  brute_force_protection?: boolean;
  disable_signup?: boolean;
  mfa?: { active?: boolean };
}

export function connectionSettingsScreen(data: ConnectionSettingsQuery): ConnectionSettingsView | null {
  const connection = data.connection;
  if (!connection) return null;
  const options = connection.options;
  const extra = (options?.extra ?? {}) as ExtraOptions;
  const settings = connection.strategy === 'AUTH0'
    ? [
        { label: 'Password policy', value: PASSWORD_POLICIES[options?.passwordPolicy ?? 'NONE'] },
        { label: 'Sign-ups', value: extra.disable_signup ? 'disabled' : 'enabled' },
        { label: 'Brute-force protection', value: extra.brute_force_protection ? 'on' : 'off' },
        { label: 'MFA', value: extra.mfa?.active ? 'on' : 'off' },
      ]
    : [];
  const clients = connection.clients?.nodes ?? [];
  return {
    title: connection.displayName ?? connection.name,
    strategy: connection.strategy ?? '',
    settings,
    applications: clients.map((entry) => ({
      clientId: entry.clientId ?? '',
      label: entry.client?.name ?? entry.clientId ?? '',
      type: APP_TYPES[entry.client?.appType ?? 'SSO_INTEGRATION'] ?? 'Other',
    })),
  };
}
