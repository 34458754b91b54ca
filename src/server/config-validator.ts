/**
 * The settings schema compiled by ajv. `npm run build` swaps this module for the same schema
 * compiled ahead of time (ajv's standalone code, scripts/build.mjs), so `npm start` does not pay
 * for ajv's code generation; run from the sources, it compiles here.
 */
import { Ajv, type ValidateFunction } from 'ajv';

export function compileConfigSchema(schema: object): ValidateFunction {
  return new Ajv({ allErrors: true }).compile(schema);
}
