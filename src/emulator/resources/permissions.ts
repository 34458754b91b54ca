/** Permission lists (of a user, of a role): added without duplicates, removed by API and name. */
import type { Permission } from '../tenant.js';

function key(p: Permission): string {
  return `${p.resource_server_identifier}\u0000${p.permission_name}`;
}

export function addPermissions(list: Permission[], additions: unknown): Permission[] {
  const have = new Set(list.map(key));
  const out = [...list];
  for (const p of additions as Permission[]) {
    if (have.has(key(p))) continue;
    have.add(key(p));
    out.push({ resource_server_identifier: p.resource_server_identifier, permission_name: p.permission_name });
  }
  return out;
}

export function removePermissions(list: Permission[], removals: unknown): Permission[] {
  const drop = new Set((removals as Permission[]).map(key));
  return list.filter((p) => !drop.has(key(p)));
}
