/**
 * Request bodies and query values checked against the spec (JSON Schema 2020-12, ajv), the way
 * Auth0 answers `400 Payload validation error` before doing anything. Validators are compiled on
 * first use per operation and shared by every emulator in the process; ajv itself is loaded with
 * the first body to check, not when the emulator starts.
 */
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../schema/spec.js';
import { specIndex } from './spec-index.js';

const SPEC_ID = 'https://emulator.local/spec.json';
let ajv: Promise<Ajv2020> | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Promise<Ajv2020> {
  ajv ??= (async () => {
    const [{ Ajv2020: Validator }, { default: formats }] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
    const made = new Validator({ strict: false, allErrors: false, validateFormats: true });
    (formats as unknown as (ajv: Ajv2020) => Ajv2020)(made);
    for (const format of specFormats()) {
      if (made.formats[format]) continue;
      made.addFormat(format, AUTH0_FORMATS[format] ?? (() => true));
    }
    made.addSchema({ $id: SPEC_ID, components: specIndex().doc.components });
    return made;
  })();
  return ajv;
}

/**
 * Auth0's own formats. Those whose rule is evident are checked; the others (ids such as
 * `client-id`, `forms-custom-identifier` …) have no published rule and are accepted as written.
 */
const isUrl = (value: string, https = false) => URL.canParse(value) && (!https || value.startsWith('https://'));
const AUTH0_FORMATS: Record<string, (value: string) => boolean> = {
  'absolute-uri-or-empty': (v) => v === '' || isUrl(v),
  'absolute-https-uri-or-empty': (v) => v === '' || isUrl(v, true),
  'strict-https-uri': (v) => isUrl(v, true),
  'strict-uri': (v) => isUrl(v),
  'email-or-empty': (v) => v === '' || /^[^@\s]+@[^@\s]+$/.test(v),
  'non-empty-string': (v) => v.length > 0,
  'html-color': (v) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v),
  hexadecimal: (v) => /^[0-9a-f]*$/i.test(v),
};

function specFormats(): Set<string> {
  const found = new Set<string>();
  JSON.stringify(specIndex().doc.components, (key, value: unknown) => {
    if (key === 'format' && typeof value === 'string') found.add(value);
    return value;
  });
  return found;
}

/** A validator for a schema from the spec; `$ref`s resolve against the spec's components. */
export async function validatorFor(key: string, schema: JsonSchema): Promise<ValidateFunction> {
  let validate = compiled.get(key);
  if (!validate) {
    const rebased = schema.$ref ? { $ref: `${SPEC_ID}${schema.$ref}` } : { $id: `${SPEC_ID.replace('spec.json', '')}inline/${encodeURIComponent(key)}`, ...rewrite(schema) };
    validate = (await instance()).compile(rebased);
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
