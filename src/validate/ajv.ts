/**
 * ajv, configured once, and the validators of the tool's own schemas.
 *
 * `npm run build` compiles the schemas the tool always uses (the built-in
 * kinds', the configuration's, the rules' options) to code ahead of time
 * (precompile.ts, ajv's standalone code, into build/validate/precompiled.cjs).
 * A run then validates with those functions: ajv is not even loaded unless a
 * schema that is not among them is met (a kind defined in a configuration).
 * Loading ajv and compiling the schemas took some 0.15 s of a 1.1 s warm
 * re-check at 100k entries.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** The options every validator is compiled with, precompiled or not. */
const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true, addUsedSchema: false } as const;

/**
 * One configured ajv: JSON Schema 2020-12, every error reported, date/regex formats checked.
 * `validateSchema: false` leaves out the check of a schema against the 2020-12
 * meta-schema, which costs more than compiling our schemas (about 0.08 s of a
 * warm re-check): the tool's own schemas are checked by their tests, and a
 * schema written by a user is checked by `compileSchema(schema, { user: true })`.
 * `code` is for precompile.ts.
 */
export function createAjv({ validateSchema = true, code }: { validateSchema?: boolean; code?: object } = {}): Ajv2020 {
  // Loaded here, not at the top: most runs need none of ajv's compiler.
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS with a default export.
  const addFormats = (require('ajv-formats') as { default: (ajv: Ajv2020) => Ajv2020 }).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, validateSchema, ...(code ? { code } : {}) });
  addFormats(ajv);
  return ajv;
}

/** The name a schema's validator has in the precompiled module: from the schema's JSON text. */
export function precompiledName(json: string): string {
  return `v${createHash('sha256').update(json).digest('hex').slice(0, 32)}`;
}

/** The file precompile.ts writes beside this module's build. */
export const PRECOMPILED_FILE = 'precompiled.cjs';

/** The meta-schema a user's schema is checked against, and the file precompile.ts writes its validator to. */
export const META_SCHEMA_ID = 'https://json-schema.org/draft/2020-12/schema';
export const META_SCHEMA_FILE = 'meta-schema.cjs';

const builtModules = new Map<string, unknown>();

/**
 * A module the build writes beside this one (required once), or null where
 * there is none (running from the sources, as the tests do, or before a build).
 */
function built<T>(file: string): T | null {
  if (!builtModules.has(file)) {
    let loaded: unknown = null;
    try {
      loaded = require(`./${file}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    }
    builtModules.set(file, loaded);
  }
  return builtModules.get(file) as T | null;
}

let shared: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * A schema's validator, once per process: precompiled when the schema is one
 * of the tool's own (same JSON text, so the same validator), else compiled.
 * `user`: the schema was written by a user, and is checked against the
 * meta-schema first (it throws, naming what is wrong, as ajv's compile would).
 * A user's schema that is one of the tool's own is taken precompiled: its
 * text is the same, so it passed the meta-schema in the tool's tests.
 */
export function compileSchema(schema: object, { user = false } = {}): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = built<Record<string, ValidateFunction>>(PRECOMPILED_FILE)?.[precompiledName(key)];
    if (!validate) {
      shared ??= createAjv({ validateSchema: false });
      // Checked by the build's precompiled meta-schema validator when there is one: ajv compiles the
      // meta-schema for its own check, which took 0.13 s of every run over lists with a kind of their
      // own. A schema it refuses (or without it) is checked by ajv, which throws naming what is wrong.
      if (user && built<ValidateFunction>(META_SCHEMA_FILE)?.(schema) !== true) shared.validateSchema(schema, true);
      validate = shared.compile(schema);
    }
    compiled.set(key, validate);
  }
  return validate;
}
