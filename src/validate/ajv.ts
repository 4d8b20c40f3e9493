import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** One configured ajv: JSON Schema 2020-12, every error reported, date/regex formats checked. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, addUsedSchema: false });
  addFormats(ajv);
  return ajv;
}

let shared: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * Compile a schema once per process: compiling is the slow part of ajv, and the
 * same kinds are compiled by every run (tests, watch-like use, the importer).
 */
export function compileSchema(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    shared ??= createAjv();
    validate = shared.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}
