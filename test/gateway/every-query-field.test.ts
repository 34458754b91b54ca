import { type GraphQLField, type GraphQLOutputType, getNamedType, isListType, isNonNullType, isObjectType, isScalarType, getNullableType } from 'graphql';
import { pageBody } from '../../src/loaders/page-body.js';
import type { OperationMetadata } from '../../src/schema/metadata.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { selection } from '../support/selection.js';

// Queries generated from the schema itself: every Query field whose required arguments are
// none, or can be taken from the demo tenant, runs against the emulator.
let h: Harness;
const ids: Record<string, string> = {};
/** Values for required query arguments, by wire name. */
const queryArgs: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  const { data } = await h.query(`{
    users(first: 1) { nodes { userId } } roles(first: 1) { nodes { roleId } } organizations(first: 1) { nodes { organizationId name members(first: 1) { nodes { userId } } } }
    connections(first: 1) { nodes { connectionId } } clients(first: 1) { nodes { clientId } } clientGrants(first: 1) { nodes { clientGrantId } }
    resourceServers(first: 2) { nodes { resourceServerId identifier } } logs(first: 1) { nodes { logId } } usersByEmail: users(first: 1) { nodes { email } } }`);
  ids.users = data!.users.nodes[0].userId;
  ids.roles = data!.roles.nodes[0].roleId;
  ids.organizations = data!.organizations.nodes[0].organizationId;
  ids.orgName = data!.organizations.nodes[0].name;
  ids.members = data!.organizations.nodes[0].members.nodes[0].userId;
  ids.connections = data!.connections.nodes[0].connectionId;
  ids.clients = data!.clients.nodes[0].clientId;
  ids['client-grants'] = data!.clientGrants.nodes[0].clientGrantId;
  ids['resource-servers'] = data!.resourceServers.nodes[0].resourceServerId;
  ids.logs = data!.logs.nodes[0].logId;
  ids['user-blocks'] = ids.users!;
  queryArgs.email = data!.usersByEmail.nodes[0].email;
  queryArgs.identifier = queryArgs.email!;
  queryArgs.resource_server_identifier = data!.resourceServers.nodes[1].identifier;
  queryArgs.role_id = ids.roles!;
  const { data: enabled } = await h.query('query ($id: ID!) { organizationEnabledConnections(id: $id) { nodes { connectionId } } }', { id: ids.organizations });
  ids.enabled_connections = enabled!.organizationEnabledConnections.nodes[0].connectionId;
  const { data: job } = await h.query('mutation { createJobUsersExport(input: { format: JSON }) { id } }');
  ids.jobs = job!.createJobUsersExport.id;
});

afterAll(async () => {
  await h.close();
});

/**
 * Fields not run, reviewed: each needs a required argument naming something the demo tenant does
 * not hold (actions, branding, custom domains, event streams, flows, forms, groups, hooks, log
 * streams, rules, sessions, signing keys …, or a nested id such as an organization invitation).
 * A field leaving or joining this list fails the test, to be reviewed again.
 */
const SKIPPED = [
  'action', 'actionExecution', 'actionModule', 'actionModuleActions', 'actionModuleVersion', 'actionModuleVersions', 'actionTriggerBindings',
  'actionVersion', 'actionVersions', 'brandingPhoneProvider', 'brandingPhoneTemplate', 'brandingTheme', 'checkAnomalyBlocksIp', 'clientCredential',
  'connectionProfile', 'connectionProfileTemplate', 'customDomain', 'emailTemplate', 'encryptionKey', 'eventStream', 'eventStreamDeliveries',
  'eventStreamDeliveryHistory', 'experimentationExperiment', 'experimentationFeatureFlag', 'experimentationFeatureFlagVariation',
  'experimentationFeatureFlagVariations', 'experimentationSegment', 'flow', 'flowExecution', 'flowExecutions', 'flowVaultConnection', 'form', 'group',
  'groupMembers', 'groupRoles', 'guardianEnrollment', 'hook', 'hookSecrets', 'logStream', 'networkAcl', 'organizationConnection',
  'organizationDiscoveryDomain', 'organizationDiscoveryDomainByName', 'organizationGroupRoles', 'organizationInvitation', 'promptCustomText',
  'promptPartials', 'promptRendering', 'rateLimitPolicy', 'refreshToken', 'refreshTokens', 'rule', 'selfServiceProfile', 'selfServiceProfileCustomTexts',
  'session', 'signingKey', 'tokenExchangeProfile', 'userAttributeProfile', 'userAttributeProfileTemplate', 'userAuthenticationMethod',
  'userEffectivePermissionSourceRoles', 'verifiableCredentialVerificationTemplate',
];

/** Every scope an operation of the spec names: a REST client with the tenant's widest token. */
let admin: string | undefined;

/** The gateway's last call for the operation, replayed as is (same path, same query) by a REST client. */
async function direct(meta: OperationMetadata): Promise<unknown> {
  admin ??= await h.emulator.issueToken([...new Set(Object.values(h.gateway.runtime.metadata.operations).flatMap((o) => o.scopes))]);
  const call = h.emulator.requests().filter((r) => r.operationId === meta.operationId && r.status < 300).pop();
  if (!call) return undefined;
  const query = call.query.replace(/^\?/, '');
  const response = await fetch(`${h.emulator.url}${call.path}${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${admin}` } });
  const text = await response.text();
  if (response.status >= 300) return undefined;
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/**
 * Compares what the gateway answered with the REST body: for an object, every selected String,
 * Int, Float, Boolean or ID field present on the wire (enums and dates are re-spelt); for a list
 * or a page, its first item. Returns the differences.
 */
function differences(value: unknown, wire: unknown, type: GraphQLOutputType, meta: OperationMetadata, path: string): string[] {
  if (value === null || value === undefined || wire === undefined || wire === null) return [];
  const named = getNamedType(type);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.isArray(wire) ? wire : pageBody(wire, meta).items;
    const list = value as unknown[];
    if (list.length > items.length) return [`${path}: ${list.length} items, the emulator has ${items.length}`];
    return list.length ? differences(list[0], items[0], nullable.ofType as GraphQLOutputType, meta, `${path}[0]`) : [];
  }
  if (!isObjectType(named)) return [];
  const fields = named.getFields();
  if (fields.pageInfo && fields.nodes) {
    const nodes = (value as { nodes: unknown[] }).nodes;
    const items = pageBody(wire, meta).items;
    if (nodes.length > 0 && items.length === 0) return [`${path}.nodes: ${nodes.length} nodes, the emulator listed none`];
    return nodes.length ? differences(nodes[0], items[0], getNamedType(fields.nodes.type) as GraphQLOutputType, meta, `${path}.nodes[0]`) : [];
  }
  const renamed = h.gateway.runtime.metadata.fieldWireNames[named.name] ?? {};
  const out: string[] = [];
  const entity = h.gateway.runtime.metadata.entities[named.name];
  for (const [name, field] of Object.entries(fields)) {
    if (name === 'id' && named.getInterfaces().some((i) => i.name === 'Node') && entity) {
      // The global id names the type and the wire key.
      const expected = Buffer.from(`${named.name}:${String((wire as Record<string, unknown>)[entity.key])}`).toString('base64url');
      const mine = (value as Record<string, unknown>).id;
      if (mine !== undefined && mine !== expected) out.push(`${path}.id: ${JSON.stringify(mine)} is not the Node id of ${named.name} ${String((wire as Record<string, unknown>)[entity.key])}`);
      continue;
    }
    const leaf = getNamedType(field.type);
    if (!isScalarType(leaf) || !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(leaf.name) || isListType(getNullableType(field.type))) continue;
    const key = renamed[name] ?? name;
    const mine = (value as Record<string, unknown>)[name];
    const theirs = (wire as Record<string, unknown>)[key];
    if (mine === undefined || theirs === undefined || theirs === null) continue;
    if (String(mine) !== String(theirs)) out.push(`${path}.${name}: ${JSON.stringify(mine)} ≠ ${JSON.stringify(theirs)}`);
  }
  return out;
}

/** A value for a required path argument from the demo tenant, by the segment that names it. */
function argumentValue(path: string, wire: string): string | undefined {
  const segments = path.split('/');
  const index = segments.indexOf(`{${wire}}`);
  const owner = segments[index - 1];
  if (owner === 'members' && segments[1] === 'organizations') return ids.members;
  if (owner === 'enabled_connections' && segments[1] === 'organizations') return ids.enabled_connections;
  if (owner === 'name' && segments[1] === 'organizations' && index === 3) return ids.orgName;
  // Only ids of top-level collections (`/users/{id}…`) are known.
  return owner && index === 2 ? ids[owner] : undefined;
}

describe('every Query field runs against the emulator', () => {
  it('executes each field without required arguments, or with ones the demo tenant supplies', async () => {
    const fields = Object.values(h.gateway.runtime.schema.getQueryType()!.getFields()) as Array<GraphQLField<unknown, unknown>>;
    const failures: string[] = [];
    const skipped: string[] = [];
    const ownResolver: string[] = [];
    const mismatches: string[] = [];
    let ran = 0;
    let compared = 0;
    for (const field of fields) {
      const lookup = h.gateway.runtime.metadata.lookups?.[`Query.${field.name}`];
      if (lookup) {
        // A lookup by a list filter (connectionByName): the seeded database connection's name.
        const { errors } = await h.query(`{ ${field.name}(${lookup.arg}: "Username-Password-Authentication") ${selection(field.type)} }`);
        ran++;
        if (errors) failures.push(`${field.name}: ${errors.map((e) => `${String(e.extensions?.code)} ${e.message}`).join('; ')}`);
        continue;
      }
      const meta = h.gateway.runtime.operations.get(`Query.${field.name}`);
      // node, nodes and me run no operation of their own: test/gateway/node-and-me.test.ts.
      if (!meta) { ownResolver.push(field.name); continue; }
      const args: string[] = [];
      let runnable = true;
      for (const arg of field.args.filter((a) => isNonNullType(a.type))) {
        const wire = meta.args[arg.name]?.wire ?? arg.name;
        const where = meta.args[arg.name]?.in;
        const value = where === 'path' ? argumentValue(meta.path, wire) : where === 'query' ? queryArgs[wire] : undefined;
        if (value === undefined) { runnable = false; break; }
        args.push(`${arg.name}: ${JSON.stringify(value)}`);
      }
      if (!runnable) { skipped.push(field.name); continue; }
      const query = `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection(field.type)} }`;
      const { data, errors } = await h.query(query);
      ran++;
      if (errors) failures.push(`${field.name}: ${errors.map((e) => `${String(e.extensions?.code)} ${e.message}`).join('; ')}`);
      else {
        const wire = await direct(meta);
        if (wire === undefined && data?.[field.name] !== null) mismatches.push(`${field.name}: the gateway's call of ${meta.operationId}, replayed, failed`);
        mismatches.push(...differences(data?.[field.name], wire, field.type, meta, field.name));
        if (wire !== undefined) compared++;
      }
    }
    console.log(`every-query-field: ${ran} ran, ${compared} compared with the emulator's REST answer, ${skipped.length} skipped (reviewed list)`);
    // The operations the emulator declines with 501 (docs/emulator-coverage.md): an event stream,
    // and defaults whose contents Auth0 does not publish. The gateway executed them correctly.
    const declined = ['brandingThemeDefault', 'subscribeEvents'];
    // Asked of the seeded database connection, these answer as Auth0 does for one: no keys, SCIM
    // or directory provisioning there (400), no SCIM configuration yet (404).
    const refused: Record<string, string> = {
      connectionKeys: 'BAD_REQUEST', connectionScimConfigurationDefaultMapping: 'BAD_REQUEST', connectionDirectoryProvisioningDefaultMapping: 'BAD_REQUEST',
      connectionScimConfiguration: 'NOT_FOUND', connectionScimConfigurationTokens: 'NOT_FOUND',
    };
    const expected = (f: string) => {
      const name = f.split(':')[0]!;
      return (declined.includes(name) && f.includes('NOT_IMPLEMENTED')) || (refused[name] !== undefined && f.startsWith(`${name}: ${refused[name]} `));
    };
    expect(failures.filter((f) => !expected(f))).toEqual([]);
    expect(skipped.sort()).toEqual([...SKIPPED].sort());
    expect(ownResolver.sort()).toEqual(['me', 'node', 'nodes']);
    expect(ran).toBe(fields.length - SKIPPED.length - ownResolver.length);
    // The data is the emulator's: the same operation asked directly answers the same values.
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});
