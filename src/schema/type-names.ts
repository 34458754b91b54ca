/**
 * Type names settled once every type is built (README, "Naming and nullability rules").
 *
 * 1. Pages are `XPage`, their edges `XEdge`, where X is the node type's final name: one pattern
 *    for every list, whichever Auth0 pagination it uses (connections.ts).
 * 2. The words `Page`, `Edge` and `Connection` never end the name of any other type, so a name
 *    ending in them is always a paging type. Auth0's entity `Connection` keeps its bare name (it is
 *    the word itself, not a suffix), and the word may open or sit inside a name
 *    (`ConnectionProfile`, `OrganizationConnectionSettings`). A spec type that would end in one
 *    takes a reviewed name from TYPE_NAME_OVERRIDES, else the word `Config` (`Kind` for an enum)
 *    after it: `TenantSettingsErrorPage` → `TenantSettingsErrorPageConfig`.
 * 3. No word twice in a row (`…JwtJwtInput` → `…JwtInput`): the spec's nested names repeat the
 *    parent's last word.
 * 5. The spec's packaging words do not end a name: `Get…ResponseContent` → the thing,
 *    `…ResponseContent` → `…Payload`, `…Schema` → the thing (types.ts does the same for the
 *    components it names; this catches the ones it had to leave because the short name was taken).
 * 4. Unions with the same members are one type, named by the one that is not a `…Payload` (else the
 *    shortest): `createLogStream` and `updateLogStream` return a `LogStream`.
 * An input type follows its output twin (`XInput` → `YInput` when `X` → `Y`). Two types that end
 * up with one name must have the same fields; they become one type.
 */
import type { GenContext } from './context.js';
import type { Entity } from './edges.js';
import type { EdgeMetadata } from './metadata.js';
import type { FieldModel, TypeModel } from './model.js';
import type { RootFields } from './operations.js';

/** Reviewed names where rule 2's `Config` reads worse than a person would write. */
export const TYPE_NAME_OVERRIDES: Record<string, { name: string; reason: string }> = {
  OrganizationConnection: {
    name: 'OrganizationConnectionSettings',
    reason: 'How one connection is set up inside an organization (membership on login, login button, sign-up): not a page.',
  },
  OrganizationEnabledConnection: {
    name: 'OrganizationConnectionSettings',
    reason: 'The same shape as OrganizationConnection, listed on a created organization: one type.',
  },
  OrganizationAllConnection: {
    name: 'OrganizationConnectionAccess',
    reason: 'A connection as an organization sees it, enabled or not, with its access level (GET /organizations/{id}/connections).',
  },
  // The node types of a few pages are named after the response that lists them (`…Payload`,
  // `…ResponseContentItem`); a page of X reads right only when X names one item.
  PermissionsResponsePayload: { name: 'RolePermission', reason: 'One permission given to a role (GET /roles/{id}/permissions).' },
  SynchronizedGroupPayload: { name: 'SynchronizedGroup', reason: 'One group synchronized by directory provisioning.' },
  UserEffectivePermissionPayload: { name: 'UserEffectivePermission', reason: 'One permission a user holds, with its sources.' },
  UserEffectivePermissionRoleSourcePayload: { name: 'UserEffectivePermissionSourceRole', reason: 'One role through which a user holds a permission (userEffectivePermissionSourceRoles).' },
  ListAculsResponseContentItem: { name: 'PromptRendering', reason: 'The rendering settings of one prompt screen (GET /prompts/rendering; promptRenderings).' },
  UserGroups: { name: 'UserGroup', reason: 'One group a user belongs to (GET /users/{id}/groups).' },
  NetworkAcls: { name: 'NetworkAcl', reason: 'One network access-control rule (the spec names the entity in the plural).' },
  GetConnectionProfileTemplateResponseContent: {
    name: 'ConnectionProfileTemplateEntry',
    reason: 'A published template (id, display name) holding a ConnectionProfileTemplate body: the short name is the body\'s.',
  },
  GetUserAttributeProfileTemplateResponseContent: {
    name: 'UserAttributeProfileTemplateEntry',
    reason: 'A published template (id, display name) holding a UserAttributeProfileTemplate body: the short name is the body\'s.',
  },
  UserIdentitySchema: {
    name: 'UserIdentity',
    reason: 'An identity in a user\'s `identities` (provider typed as an enum): the one a reader means by a user identity.',
  },
  UserIdentity: {
    name: 'LinkedIdentity',
    reason: 'What linking and unlinking answer: the primary user\'s identities after the change (provider as a plain string).',
  },
  CreateFlowsVaultConnectionJwtJwtInput: {
    name: 'CreateFlowsVaultConnectionJwtWithSetupInput',
    reason: 'The JWT app with its JWT setup (beside the uninitialized one): the spec repeats the app name as the setup kind.',
  },
};

export const RESERVED_SUFFIXES = ['Page', 'Edge', 'Connection'];

/** `CreateFlowsVaultConnectionJwtJwtInput` → `['Create', 'Flows', …, 'Jwt', 'Jwt', 'Input']`. */
export function typeNameWords(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
}

export function collapseDoubledWords(name: string): string {
  const words = typeNameWords(name);
  return words.filter((w, i) => i === 0 || w !== words[i - 1]).join('');
}

export function isPagingType(type: TypeModel): boolean {
  return type.kind === 'object' && (type.pageOf !== undefined || type.edgeOf !== undefined);
}

/** The spec's packaging words, which name a message, not a thing (rule 5). */
const PACKAGING: Array<[RegExp, string]> = [
  [/^Get(.+)ResponseContent$/, '$1'],
  [/^(.+)ResponseContent$/, '$1Payload'],
  [/^(.+)Schema$/, '$1'],
];

function preferredName(type: TypeModel): string {
  const override = TYPE_NAME_OVERRIDES[type.name];
  if (override) return override.name;
  let name = collapseDoubledWords(type.name);
  for (const [pattern, replacement] of PACKAGING) {
    if (pattern.test(name)) { name = name.replace(pattern, replacement); break; }
  }
  const last = typeNameWords(name).at(-1)!;
  if (RESERVED_SUFFIXES.includes(last) && name !== last) name = `${name}${type.kind === 'enum' ? 'Kind' : 'Config'}`;
  return name;
}

export function settleTypeNames(
  ctx: GenContext, root: RootFields, entities: Record<string, Entity>, edges: EdgeMetadata[],
): Map<string, string> {
  const renames = new Map<string, string>();
  const types = [...ctx.types.values()];
  for (const type of types) {
    if (isPagingType(type)) continue;
    const wanted = preferredName(type);
    if (wanted !== type.name) renames.set(type.name, wanted);
  }
  // Unions with the same members are one type (rule 4).
  const unionsByMembers = new Map<string, string[]>();
  for (const type of types) {
    if (type.kind !== 'union') continue;
    const key = type.members.map((m) => m.type).sort().join('|');
    unionsByMembers.set(key, [...(unionsByMembers.get(key) ?? []), type.name]);
  }
  for (const names of unionsByMembers.values()) {
    if (names.length < 2) continue;
    const rank = (n: string) => [/Payload$/.test(n) ? 1 : 0, n.length, n] as const;
    const [keep] = [...names].sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    });
    for (const name of names) if (name !== keep) renames.set(name, renames.get(keep!) ?? keep!);
  }
  // Inputs follow their output twin.
  for (const [from, to] of [...renames]) {
    const input = ctx.types.get(`${from}Input`);
    if (input?.kind === 'input' && !renames.has(input.name)) renames.set(input.name, `${to}Input`);
  }
  const final = (name: string) => renames.get(name) ?? name;
  for (const type of types) {
    if (type.kind !== 'object') continue;
    if (type.pageOf) renames.set(type.name, `${final(type.pageOf)}Page`);
    if (type.edgeOf) renames.set(type.name, `${final(type.edgeOf)}Edge`);
  }
  for (const [from, to] of [...renames]) if (from === to) renames.delete(from);
  if (renames.size === 0) return renames;

  const ref = (r: string) => r.replace(/\w+/, (n) => renames.get(n) ?? n);
  // Descriptions that name a type (`Send the value as XInput.`) follow it.
  const mentions = new RegExp(`\\b(${[...renames.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
  const text = (d: string | undefined) => d?.replace(mentions, (n) => renames.get(n) ?? n);
  const fields = (list: FieldModel[]) => {
    for (const f of list) {
      f.type = ref(f.type);
      if (f.description) f.description = text(f.description);
      for (const a of f.args ?? []) a.type = ref(a.type);
    }
  };
  const byName = new Map<string, TypeModel>();
  for (const type of types) {
    type.name = final(type.name);
    if (type.kind === 'object' || type.kind === 'input') fields(type.fields);
    if (type.kind === 'object') {
      if (type.pageOf) type.pageOf = final(type.pageOf);
      if (type.edgeOf) type.edgeOf = final(type.edgeOf);
    }
    if (type.kind === 'union' || type.kind === 'interface') {
      for (const m of type.members ?? []) m.type = final(m.type);
      if (type.discriminator) for (const k of Object.keys(type.discriminator.mapping)) type.discriminator.mapping[k] = final(type.discriminator.mapping[k]!);
    }
    const twin = byName.get(type.name);
    if (twin) {
      if (JSON.stringify(shapeOf(twin)) !== JSON.stringify(shapeOf(type))) {
        throw new Error(`Two different types want the name ${type.name}: rename one in TYPE_NAME_OVERRIDES`);
      }
      continue;
    }
    byName.set(type.name, type);
  }
  for (const name of byName.keys()) if (!ctx.typeNames.has(name)) ctx.typeNames.claim(name);
  ctx.types.clear();
  for (const [name, type] of byName) ctx.types.set(name, type);

  fields(root.query);
  fields(root.mutation);
  for (const op of Object.values(root.operations)) {
    op.returns = final(op.returns);
    if (op.body?.inputType) op.body.inputType = final(op.body.inputType);
  }
  for (const entity of Object.values(entities)) {
    entity.type = final(entity.type);
    entity.types = [...new Set(entity.types.map(final))];
  }
  const coordinate = (c: string) => c.replace(/^\w+/, final);
  for (const edge of edges) edge.coordinate = coordinate(edge.coordinate);
  for (const f of ctx.fallbacks) f.location = coordinate(f.location);
  return renames;
}

function shapeOf(type: TypeModel): unknown {
  if (type.kind === 'object' || type.kind === 'input') return type.fields.map((f) => [f.name, f.wire, f.type]);
  if (type.kind === 'enum') return type.values.map((v) => [v.name, v.wire]);
  if (type.kind === 'union') return type.members.map((m) => m.type);
  return type.kind;
}
