/**
 * The one context every generator step shares: the (read-only) spec, the types built so far,
 * the names taken, and the findings (JSON fallbacks, warnings) each tagged with a spec pointer.
 */
import type { OpenApiDocument } from './spec.js';
import { NameRegistry } from './names.js';
import type { JsonFallback, TypeModel } from './model.js';

const BUILTIN_SCALARS = ['String', 'Int', 'Float', 'Boolean', 'ID'];

export class GenContext {
  readonly types = new Map<string, TypeModel>();
  readonly typeNames = new NameRegistry();
  readonly fallbacks: JsonFallback[] = [];
  readonly warnings: string[] = [];
  /** Component schema name → the output type that stands for it (identical response shapes share one type). */
  readonly outputAliases = new Map<string, string>();
  /** Names the spec's components will take: generated helper types (connections) avoid them. */
  readonly componentTypeNames = new Set<string>();

  constructor(readonly doc: OpenApiDocument) {
    for (const name of BUILTIN_SCALARS) this.typeNames.claim(name);
  }

  addType(type: TypeModel): void {
    if (this.types.has(type.name)) throw new Error(`Type ${type.name} defined twice (from ${type.source})`);
    this.types.set(type.name, type);
  }

  /** Declares one of the project's shared scalars (JSON, DateTime, Upload …) on first use. */
  scalar(name: string, description: string, accepts?: string[]): string {
    if (!this.types.has(name)) {
      this.typeNames.claim(name);
      this.addType({ kind: 'scalar', name, description, ...(accepts ? { accepts } : {}) });
    }
    return name;
  }

  fallback(location: string, reason: string, pointer: string): void {
    this.fallbacks.push({ location, reason, pointer });
  }
}
