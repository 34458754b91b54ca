/** What a hand-modelled operation sees, and what it answers. */
import type { Route } from './spec-index.js';
import type { Tenant } from './tenant.js';
import { badRequest, notFound } from './errors.js';

export interface EmuFile {
  name: string;
  type: string;
  content: Buffer;
}

export interface HandlerContext {
  tenant: Tenant;
  route: Route;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON or form body (validated against the spec before the handler runs). */
  body: Record<string, unknown>;
  files: Map<string, EmuFile>;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;
export type HandlerTable = Record<string, Handler>;

export const ok = (body: unknown, status = 200): HandlerResult => ({ status, body });
export const noContent = (): HandlerResult => ({ status: 204 });

export function must<T>(value: T | undefined, what: string, errorCode = 'inexistent_resource'): T {
  if (value === undefined) throw notFound(`The ${what} does not exist.`, errorCode);
  return value;
}

export function stringArray(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`Payload validation error: '${name}' must be an array of strings.`);
  return value as string[];
}
