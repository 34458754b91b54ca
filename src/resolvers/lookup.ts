/**
 * Single-object lookups through a list filter (schema/lookups.ts): `connectionByName(name:)` is
 * one `GET /connections?name=…`. The item whose property equals the argument is the answer (null
 * when there is none); it primes the entity loader, so a later read by id in the same request
 * costs nothing. An answer that is neither a list nor a page of the list is a contract error.
 */
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { LookupMetadata } from '../schema/metadata.js';
import type { WireObject } from '../loaders/entity-loader.js';
import type { GatewayContext } from './context.js';
import { UPSTREAM_CONTRACT, valuePreview } from './drift.js';
import { readsOf, selectedFieldNames, wireFields } from './selection.js';

export function lookupResolver(lookup: LookupMetadata): GraphQLFieldResolver<unknown, GatewayContext> {
  return async (_source, args, ctx, info) => {
    const list = ctx.runtime?.operations.get(lookup.list);
    if (!ctx.runtime || !list) {
      throw new GraphQLError(`${lookup.coordinate} cannot run: no Auth0 tenant or emulator is configured.`, { extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    }
    const scope = ctx.gateway;
    const wanted = String(args[lookup.arg]);
    scope.authorize(list, { path: {}, reads: () => readsOf(ctx, lookup.returns, info.fieldNodes.map((node) => node.selectionSet), info) });
    const query: Record<string, unknown> = { [lookup.filter]: wanted };
    const selected = selectedFieldNames(info, info.fieldNodes[0]?.selectionSet);
    const fields = wireFields(ctx.runtime.metadata, lookup.returns, selected, ctx.runtime.propertyNames(lookup.returns), ctx.runtime.requiredKeys(lookup.returns));
    // The filter's own property is always asked for: the match is checked on it.
    const projected = fields && fields.length > 0 ? [...new Set([...fields, lookup.filter])] : undefined;
    if (projected && Object.values(list.args).some((a) => a.wire === 'fields')) query.fields = projected.join(',');
    const body = await scope.fetch(list, { path: {}, query });
    const itemsKey = list.connection?.itemsKey;
    const items = Array.isArray(body) ? body : itemsKey && body && typeof body === 'object' && Array.isArray((body as Record<string, unknown>)[itemsKey]) ? (body as Record<string, unknown[]>)[itemsKey] : undefined;
    if (!items) {
      throw new GraphQLError(`Auth0 returned a value the schema cannot represent at ${info.parentType.name}.${info.fieldName}: ${JSON.stringify(valuePreview(body))} is neither a list nor a page of ${lookup.returns}.`, {
        extensions: { code: UPSTREAM_CONTRACT, kind: 'mistyped_shape', type: info.parentType.name, field: info.fieldName, expected: `[${lookup.returns}]`, value: valuePreview(body) },
      });
    }
    const found = items.find((item): item is WireObject => Boolean(item) && typeof item === 'object' && (item as Record<string, unknown>)[lookup.filter] === wanted) ?? null;
    if (found) scope.entity(lookup.returns)?.prime(found, query.fields ? projected! : 'all');
    return found;
  };
}
