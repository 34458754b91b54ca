/**
 * Drift tolerance: what the gateway does when Auth0 answers with a value the schema cannot
 * represent (README, "When the API drifts").
 *
 * - A value the field's type cannot hold (an enum value the spec does not list, a string where an
 *   Int belongs, a string where an object belongs, a missing required value) makes that field,
 *   and only that field, null, with an `UPSTREAM_CONTRACT` error at its path naming the type, the
 *   field and the raw value. Enum lists hold nullable items, so an unknown value in one nulls that
 *   item alone.
 * - What can be served without lying is served, with a warning in the response's
 *   `extensions.warnings` (the shape of a GraphQL error, code `UPSTREAM_CONTRACT`, `severity:
 *   "warning"`): a null or an unrepresentable item inside a list of non-null items is left out (the
 *   warning's path ends with its index in Auth0's list); a scalar GraphQL coerces without loss
 *   (42 where a String belongs) is served coerced; an empty list where an object belongs is served
 *   as an object without properties.
 * - Every case is counted (`gateway_upstream_drift_total{kind,type,field}`) and logged once.
 *
 * Warnings are not put in `errors`: clients that discard a response with any error (Apollo's
 * default error policy) would lose all of it for one left-out null.
 */
import {
  type GraphQLEnumType, GraphQLError, type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLResolveInfo, type GraphQLScalarType,
  getNamedType, getNullableType, isEnumType, isListType, isNonNullType, isScalarType, type GraphQLSchema, isObjectType, defaultFieldResolver,
} from 'graphql';
import type { GatewayContext } from './context.js';
import { whenFieldsMade } from '../schema/lazy-types.js';

export const UPSTREAM_CONTRACT = 'UPSTREAM_CONTRACT';

export type DriftKind =
  /** An enum value the schema does not list. */
  | 'unknown_enum'
  /** A null inside a list of non-null items (left out). */
  | 'null_in_list'
  /** A scalar of the wrong kind that cannot be coerced (a string in an Int). */
  | 'mistyped_scalar'
  /** A scalar of the wrong kind served coerced (a number in a String). */
  | 'coerced_scalar'
  /** An object or a list where the other, or a scalar, was expected. */
  | 'mistyped_shape'
  /** No value where the schema says there always is one. */
  | 'missing_required';

export interface DriftEvent {
  kind: DriftKind;
  /** The parent type and field whose value drifted (`Client`, `appType`). */
  type: string;
  field: string;
  /** The schema type that could not hold the value (`ClientAppType`, `Int`). */
  expected: string;
  value: unknown;
}

export interface DriftWarning {
  message: string;
  path: Array<string | number>;
  extensions: { code: typeof UPSTREAM_CONTRACT; severity: 'warning'; kind: DriftKind; type: string; field: string; expected: string; value?: unknown };
}

/** A value fit for an error or warning: short, and JSON. */
export function valuePreview(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value ?? null;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function describe(kind: DriftKind, expected: string, value: unknown): string {
  const shown = JSON.stringify(valuePreview(value));
  switch (kind) {
    case 'unknown_enum': return `${shown} is not a value of ${expected}`;
    case 'null_in_list': return `null inside a list of ${expected}!; left out`;
    case 'coerced_scalar': return `${shown} is not a ${expected}; served coerced`;
    case 'mistyped_shape': return Array.isArray(value) && value.length === 0 ? `an empty list where a ${expected} belongs; served as one without properties` : `${shown} is not a ${expected}`;
    case 'missing_required': return `no value, but ${expected} is required`;
    default: return `${shown} is not a ${expected}`;
  }
}

function messageOf(event: DriftEvent, listItem: boolean): string {
  return `Auth0 returned a value the schema cannot represent at ${event.type}.${event.field}${listItem ? ' (a list item)' : ''}: ${describe(event.kind, event.expected, event.value)}.`;
}

function contractError(event: DriftEvent, listItem = false): GraphQLError {
  return new GraphQLError(messageOf(event, listItem), {
    extensions: { code: UPSTREAM_CONTRACT, kind: event.kind, type: event.type, field: event.field, expected: event.expected, value: valuePreview(event.value) },
  });
}

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) out.push(p.key);
  return out.reverse();
}

function reportDrift(ctx: Partial<GatewayContext> | undefined, event: DriftEvent): void {
  ctx?.runtime?.onDrift?.(event);
}

function warn(ctx: Partial<GatewayContext> | undefined, event: DriftEvent, path: Array<string | number>, listItem: boolean): void {
  reportDrift(ctx, event);
  ctx?.gateway?.warnings.push({
    message: messageOf(event, listItem),
    path,
    extensions: { code: UPSTREAM_CONTRACT, severity: 'warning', kind: event.kind, type: event.type, field: event.field, expected: event.expected, value: valuePreview(event.value) },
  });
}

/** How a leaf value fares: served as is, served coerced, or not servable. */
type Verdict = 'ok' | 'coerced' | 'unknown_enum' | 'mistyped_scalar' | 'mistyped_shape';

const NATIVE: Record<string, (v: unknown) => boolean> = {
  String: (v) => typeof v === 'string',
  ID: (v) => typeof v === 'string' || Number.isInteger(v),
  Int: (v) => Number.isInteger(v) && (v as number) <= 2147483647 && (v as number) >= -2147483648,
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
  Boolean: (v) => typeof v === 'boolean',
  DateTime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  JSON: () => true,
};

const enumValues = new WeakMap<GraphQLEnumType, Set<unknown>>();

function judgeEnum(type: GraphQLEnumType, value: unknown): Verdict {
  let values = enumValues.get(type);
  if (!values) {
    values = new Set(type.getValues().map((v) => v.value));
    enumValues.set(type, values);
  }
  return values.has(value) ? 'ok' : 'unknown_enum';
}

function judgeScalar(type: GraphQLScalarType, value: unknown): Verdict {
  const native = NATIVE[type.name];
  if (native?.(value)) return 'ok';
  // An unparseable date is still a string: DateTime would pass it on untouched.
  if (type.name === 'DateTime' && typeof value === 'string') return 'mistyped_scalar';
  try {
    type.serialize(value);
  } catch {
    return 'mistyped_scalar';
  }
  // Scalars without a native check (the scalar unions) accept exactly what they serialize.
  return native ? 'coerced' : 'ok';
}

function judge(type: GraphQLOutputType, value: unknown): Verdict {
  if (isEnumType(type)) return judgeEnum(type, value);
  if (isScalarType(type)) return judgeScalar(type, value);
  if (isListType(type)) return Array.isArray(value) ? 'ok' : 'mistyped_shape';
  // Objects, interfaces and unions: a JSON object.
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? 'ok' : 'mistyped_shape';
}

function typeName(type: GraphQLOutputType): string {
  return String(getNullableType(type));
}

/**
 * The value to hand graphql-js for one field: the resolver's value when the schema can hold it,
 * a list with the unservable items left out (or, for nullable items, rejected at their path),
 * or a thrown `UPSTREAM_CONTRACT` error.
 */
function guardValue(value: unknown, info: GraphQLResolveInfo, ctx: Partial<GatewayContext> | undefined): unknown {
  // A resolver's own error (graphql-js throws a returned Error) is not Auth0's drift.
  if (value instanceof Error) return value;
  const returnType = info.returnType;
  const event = (kind: DriftKind, expected: GraphQLOutputType, raw: unknown): DriftEvent =>
    ({ kind, type: info.parentType.name, field: info.fieldName, expected: typeName(expected), value: raw });
  if (value === null || value === undefined) {
    if (!isNonNullType(returnType)) return value;
    const drift = event('missing_required', returnType, value);
    reportDrift(ctx, drift);
    throw contractError(drift);
  }
  const type = getNullableType(returnType);
  const verdict = judge(type, value);
  if (verdict === 'coerced') {
    warn(ctx, event('coerced_scalar', type, value), pathOf(info), false);
    return value;
  }
  if (verdict === 'mistyped_shape' && isObjectType(type) && Array.isArray(value) && value.length === 0) {
    // An empty list where an object belongs (a list payload answered as a bare `[]`): it holds
    // nothing to lose, so it is served as an object without properties, with a warning.
    warn(ctx, event('mistyped_shape', type, value), pathOf(info), false);
    return {};
  }
  if (verdict !== 'ok') {
    const drift = event(verdict, type, value);
    reportDrift(ctx, drift);
    throw contractError(drift);
  }
  if (!isListType(type)) return value;
  return guardList(value as unknown[], type.ofType, info, ctx, event);
}

function guardList(
  items: unknown[], itemType: GraphQLOutputType, info: GraphQLResolveInfo, ctx: Partial<GatewayContext> | undefined,
  event: (kind: DriftKind, expected: GraphQLOutputType, raw: unknown) => DriftEvent,
): unknown[] {
  const required = isNonNullType(itemType);
  const inner = getNullableType(itemType);
  // Lists of lists are not in the schema: an inner list is judged by shape only.
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    let keep: unknown = item;
    let drop = false;
    if (item === null || item === undefined) {
      if (required) {
        warn(ctx, event('null_in_list', inner, item), [...pathOf(info), i], true);
        drop = true;
      }
    } else {
      const verdict = judge(inner, item);
      if (verdict === 'coerced') {
        warn(ctx, event('coerced_scalar', inner, item), [...pathOf(info), i], true);
      } else if (verdict !== 'ok') {
        const drift = event(verdict, inner, item);
        if (required) {
          // Left out: one bad item does not cost the list.
          warn(ctx, drift, [...pathOf(info), i], true);
          drop = true;
        } else {
          reportDrift(ctx, drift);
          // graphql-js locates a rejected item at its own path and nulls that item alone.
          const rejected = Promise.reject(contractError(drift, true));
          rejected.catch(() => undefined);
          keep = rejected;
        }
      }
    }
    if ((drop || keep !== item) && !out) out = items.slice(0, i);
    if (out && !drop) out.push(keep);
  }
  return out ?? items;
}

/**
 * A connection's page with the rows that are no objects (a null, a string) left out, each with a
 * warning at `<connection>.nodes.<index in the page>`; cursors keep their positions, so paging
 * past a left-out row neither repeats nor skips others.
 */
export function servableRows<T>(items: T[], cursors: string[], info: GraphQLResolveInfo, ctx: Partial<GatewayContext> | undefined): { items: T[]; cursors: string[] } {
  if (items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) return { items, cursors };
  const connection = getNamedType(info.returnType);
  const nodes = isObjectType(connection) ? connection.getFields().nodes : undefined;
  const expected = nodes ? String(getNamedType(nodes.type)) : 'object';
  const kept: T[] = [];
  const keptCursors: string[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      kept.push(item);
      keptCursors.push(cursors[i]!);
      return;
    }
    const event: DriftEvent = { kind: item === null || item === undefined ? 'null_in_list' : 'mistyped_shape', type: connection.name, field: 'nodes', expected, value: item };
    warn(ctx, event, [...pathOf(info), 'nodes', i], true);
  });
  return { items: kept, cursors: keptCursors };
}

/**
 * Every field of the schema's object types checks what its resolver returned (after it settles)
 * against the field's type. Introspection and federation's own types are left alone.
 */
export function guardSchema(schema: GraphQLSchema, fallback: GraphQLFieldResolver<unknown, unknown> = defaultFieldResolver): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === '_Service') continue;
    // Each type's fields are guarded when they are made (lazy-types.ts), after their resolvers are set.
    whenFieldsMade(type, (fields) => {
      for (const field of Object.values(fields)) {
        const resolve = field.resolve ?? fallback;
        // Nearly every value passes a check made for its field once, here; only the rest are judged.
        const passes = passCheck(field.type);
        field.resolve = (source, args, context, info) => {
          const ctx = context as Partial<GatewayContext> | undefined;
          const value = resolve(source, args, ctx, info);
          if (isThenable(value)) return value.then((settled) => (passes(settled) ? settled : guardValue(settled, info, ctx)));
          return passes(value) ? value : guardValue(value, info, ctx);
        };
      }
    });
  }
  return schema;
}

/** Whether a value of this type can be handed to graphql-js as it is (false: judge it). */
function passCheck(type: GraphQLOutputType): (value: unknown) => boolean {
  const required = isNonNullType(type);
  const inner = getNullableType(type);
  let check: (value: unknown) => boolean;
  if (isListType(inner)) {
    const item = passCheck(inner.ofType);
    check = (v) => Array.isArray(v) && v.every(item);
  } else if (isEnumType(inner)) {
    check = (v) => judgeEnum(inner, v) === 'ok';
  } else if (isScalarType(inner)) {
    const native = NATIVE[inner.name];
    check = native ?? ((v) => judgeScalar(inner, v) === 'ok');
  } else {
    check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  }
  return required ? check : (v) => v === null || v === undefined || check(v);
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
