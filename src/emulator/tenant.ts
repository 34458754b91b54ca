/**
 * The emulated tenant's state: the hand-modelled resources in typed maps (kept in insertion
 * order, which is the listing order), and the generic store for everything else.
 */
export type Json = Record<string, unknown>;

export interface Permission {
  resource_server_identifier: string;
  permission_name: string;
}

export interface Job {
  id: string;
  type: string;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  created_at: string;
  connection_id?: string;
  /** When the job counts as done: jobs move from pending to completed over time, like Auth0's. */
  completesAt: number;
  summary?: Json;
  errors: Json[];
  format?: string;
  location?: string;
  /** A users import waiting to run: the file's users, and how to apply them. */
  pendingImport?: { users: Json[]; upsert: boolean; connection: string };
}

export class Tenant {
  /** How long a job stays pending, so callers see it progress (tests set 0). */
  jobDurationMs = 300;
  readonly users = new Map<string, Json>();
  readonly userRoles = new Map<string, Set<string>>();
  readonly userPermissions = new Map<string, Permission[]>();
  readonly roles = new Map<string, Json>();
  readonly rolePermissions = new Map<string, Permission[]>();
  readonly connections = new Map<string, Json>();
  readonly clients = new Map<string, Json>();
  readonly clientGrants = new Map<string, Json>();
  readonly resourceServers = new Map<string, Json>();
  readonly organizations = new Map<string, Json>();
  /** organization id → user id → role ids */
  readonly orgMembers = new Map<string, Map<string, Set<string>>>();
  readonly orgConnections = new Map<string, Map<string, Json>>();
  readonly orgInvitations = new Map<string, Map<string, Json>>();
  readonly logs: Json[] = [];
  readonly jobs = new Map<string, Job>();
  /** Generic store: collection path template → id → object; singletons by path. */
  readonly collections = new Map<string, Map<string, Json>>();
  readonly singletons = new Map<string, unknown>();
  private counter = 0;

  /** A fresh id in Auth0's style for a prefix (`rol_`, `org_`, `con_` …). */
  newId(prefix: string, length = 16): string {
    this.counter++;
    const body = `${Date.now().toString(36)}${this.counter.toString(36)}${Math.random().toString(36).slice(2)}`.replace(/[^a-z0-9]/g, '');
    return `${prefix}${body.padEnd(length, '0').slice(0, length)}`;
  }
}

export function now(): string {
  return new Date().toISOString();
}
