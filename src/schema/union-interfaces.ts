/**
 * Unions whose members share fields become interfaces (issue 13, "Names").
 *
 * `LogStream` is a oneOf of eight stream kinds that all carry `id`, `name`, `type`, `status` …;
 * as a union, reading a stream's name needs eight inline fragments. Here a union whose members
 * all have at least one field in common (same name, same type, same arguments) becomes an
 * interface of the same name, with those fields, implemented by every member: a field returning
 * it is unchanged for callers that use fragments, and the shared fields need none. How a value
 * picks its member is unchanged (metadata `unions`, read by the runtime's `__resolveType`).
 */
import type { GenContext } from './context.js';
import type { FieldModel, InterfaceModel, ObjectModel } from './model.js';

export function interfacesForUnions(ctx: GenContext): string[] {
  const converted: string[] = [];
  for (const type of [...ctx.types.values()]) {
    if (type.kind !== 'union' || type.members.length < 2) continue;
    const members = type.members.map((m) => ctx.types.get(m.type));
    if (!members.every((m): m is ObjectModel => m?.kind === 'object')) continue;
    const signature = (f: FieldModel) => JSON.stringify([f.type, (f.args ?? []).map((a) => [a.name, a.type])]);
    const [first, ...rest] = members;
    const shared = first!.fields.filter((f) => rest.every((m) => m.fields.some((g) => g.name === f.name && signature(g) === signature(f))));
    if (shared.length === 0) continue;
    const iface: InterfaceModel = {
      kind: 'interface', name: type.name, description: type.description, source: type.source, members: type.members,
      ...(type.discriminator ? { discriminator: type.discriminator } : {}),
      fields: shared.map((f) => ({ ...f, ...(f.args ? { args: f.args.map((a) => ({ ...a })) } : {}) })),
    };
    ctx.types.set(type.name, iface);
    for (const member of members) member.interfaces = [...(member.interfaces ?? []), type.name];
    converted.push(type.name);
  }
  return converted;
}
