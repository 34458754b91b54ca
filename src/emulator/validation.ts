/**
 * Request bodies and query values checked against the spec (JSON Schema 2020-12, ajv), the way
 * Auth0 answers `400 Payload validation error` before doing anything. Validators are compiled on
 * first use per operation and shared by every emulator in the process.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../schema/spec.js';
import { specIndex } from './spec-index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const SPEC_ID = 'https://emulator.local/spec.json';
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ $id: SPEC_ID, components: specIndex().doc.components });
  }
  return ajv;
}

/** A validator for a schema from the spec; `$ref`s resolve against the spec's components. */
export function validatorFor(key: string, schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    const rebased = schema.$ref ? { $ref: `${SPEC_ID}${schema.$ref}` } : { $id: `${SPEC_ID.replace('spec.json', '')}inline/${encodeURIComponent(key)}`, ...rewrite(schema) };
    validate = instance().compile(rebased);
    compiled.set(key, validate);
  }
  return validate;
}

function rewrite(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${SPEC_ID}#/components/`)) as Record<string, unknown>;
}

/** Auth0-style message for the first problem. */
export function describeErrors(validate: ValidateFunction): string {
  const error = validate.errors?.[0];
  if (!error) return 'Payload validation error';
  const where = error.instancePath ? ` on property ${error.instancePath.slice(1).replace(/\//g, '.')}` : '';
  if (error.keyword === 'required') return `Payload validation error: 'Missing required property: ${String(error.params.missingProperty)}'${where}.`;
  if (error.keyword === 'additionalProperties') return `Payload validation error: 'Additional properties not allowed: ${String(error.params.additionalProperty)}'${where}.`;
  return `Payload validation error: '${error.message ?? 'invalid value'}'${where}.`;
}
