/**
 * `UserProfile` (issue 13): rows that are a view of a user (a role's users, an organization's
 * members) and `User` itself share an interface, so one fragment (`fragment Badge on UserProfile
 * { userId email name picture }`) fits a user wherever a list holds one, answered from the row
 * with no call. The rows stay their own types, with `.user` for the whole user: an organization
 * member's `roles` are its roles in that organization, not the user's own, and a role's user row
 * carries only these few properties.
 *
 * A row qualifies when it has a companion field typed `User` (edges.ts) and every profile field
 * with the same wire name as on `User`.
 */
import type { GenContext } from './context.js';
import type { FieldModel, InterfaceModel } from './model.js';
import { namedType } from './model.js';

export const USER_PROFILE = 'UserProfile';
const PROFILE_WIRE = ['user_id', 'email', 'name', 'picture'];

export function addUserProfile(ctx: GenContext): string[] {
  const user = ctx.types.get('User');
  if (user?.kind !== 'object' || ctx.types.has(USER_PROFILE)) return [];
  const wire = (f: FieldModel) => f.wire ?? f.name;
  const profile = PROFILE_WIRE.map((w) => user.fields.find((f) => wire(f) === w));
  if (profile.some((f) => !f)) return [];
  const members: string[] = [];
  for (const type of [...ctx.types.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.kind !== 'object' || type.name === 'User') continue;
    if (!type.fields.some((f) => namedType(f.type) === 'User')) continue;
    const own = profile.map((p) => type.fields.find((f) => f.name === p!.name && wire(f) === wire(p!) && namedType(f.type) === namedType(p!.type)));
    if (own.some((f) => !f)) continue;
    type.interfaces = [...(type.interfaces ?? []), USER_PROFILE];
    members.push(type.name);
  }
  if (members.length === 0) return [];
  user.interfaces = [...(user.interfaces ?? []), USER_PROFILE];
  const model: InterfaceModel = {
    kind: 'interface', name: USER_PROFILE,
    description: `What every view of a user carries: \`User\` and the rows that list users (${members.join(', ')}), each answered from its own row. A fragment on \`UserProfile\` fits all of them; the whole user is \`.user\` on a row.`,
    // Nullable here: a row may lack a property its user has.
    fields: profile.map((p) => ({ name: p!.name, type: namedType(p!.type), ...(p!.wire ? { wire: p!.wire } : {}), ...(p!.description ? { description: p!.description } : {}) })),
  };
  ctx.types.set(USER_PROFILE, model);
  return ['User', ...members];
}
