/**
 * The built-in kinds, as buildKinds trusts them without checking them on every
 * run: each passes the definition schema, its entry schema compiles, and the
 * fast reader (js-yaml) reads its file as the `yaml` package does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinDefinitions, builtinKindFiles, builtinSnapshot, kindDefinitionSchema, readBuiltinKindDefinitions, BUILTIN_KIND_NAMES } from '../../src/kinds/index.js';
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

  it('are taken from the build\'s JSON snapshot only when it was made of these very files', () => {
    const files = builtinKindFiles();
    const parsed = builtinDefinitions(files);
    const snapshot = builtinSnapshot(files);
    expect(builtinDefinitions(files, snapshot)).toEqual(parsed);
    // Taken from the snapshot (not parsed again) while the files are those it was made of …
    const marked = JSON.stringify({ ...JSON.parse(snapshot), definitions: [{ name: 'from the snapshot' }] });
    expect(builtinDefinitions(files, marked)).toEqual([{ name: 'from the snapshot' }]);
    // … and not once a file is edited since the build: its definitions would be stale.
    const edited = files.map(([name, text], i): [string, string] => [name, i === 0 ? `${text}\n# edited\n` : text]);
    expect(builtinDefinitions(edited, marked)).toEqual(parsed);
    // … nor when it is damaged.
    expect(builtinDefinitions(files, snapshot.slice(0, 100))).toEqual(parsed);
  });

  it('have a snapshot in the build, up to date (npm test builds first)', () => {
    const built = new URL('../../build/kinds/builtin-kinds.json', import.meta.url);
    expect(existsSync(built), 'build/kinds/builtin-kinds.json: run npm run build').toBe(true);
    expect(readFileSync(built, 'utf8')).toBe(builtinSnapshot(builtinKindFiles()));
  });
});
