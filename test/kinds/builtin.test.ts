/**
 * The built-in kinds, as buildKinds trusts them without checking them on every
 * run: each passes the definition schema, its entry schema compiles, and the
 * fast reader (js-yaml) reads its file as the `yaml` package does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kindDefinitionSchema, readBuiltinKindDefinitions, BUILTIN_KIND_NAMES } from '../../src/kinds/index.js';
import { createAjv } from '../../src/validate/ajv.js';

const DIR = new URL('../../src/kinds/', import.meta.url);

describe('the built-in kinds', () => {
  const definitions = readBuiltinKindDefinitions();

  it('are the six kinds, read as the yaml package reads their files', () => {
    expect(definitions.map((d) => d.name).sort()).toEqual([...BUILTIN_KIND_NAMES].sort());
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(definitions).toEqual(files.map((f) => parse(readFileSync(new URL(f, DIR), 'utf8'))));
  });

  it('pass the definition schema, and their entry schemas compile', () => {
    const ajv = createAjv();
    const validate = ajv.compile(kindDefinitionSchema);
    for (const definition of definitions) {
      expect(validate(definition), `${definition.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(() => createAjv().compile(definition.schema), definition.name).not.toThrow();
    }
  });

  it('are a fresh copy for each caller', () => {
    const a = readBuiltinKindDefinitions();
    (a[0] as { name: string }).name = 'changed';
    expect(readBuiltinKindDefinitions()[0]!.name).not.toBe('changed');
  });
});
