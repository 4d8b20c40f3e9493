/**
 * The precompiled validators (src/validate/precompile.ts): the same verdicts
 * and errors as ajv compiling the same schemas, a fresh build's module up to
 * date, and a run over the built-in kinds that does not load ajv's compiler.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { compile } from '../../src/pipeline.js';
import { compileSchema, createAjv, precompiledName } from '../../src/validate/ajv.js';
import { metaSchemaSource, ownSchemas, precompiledSource } from '../../src/validate/precompile.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = fileURLToPath(new URL('../../build/validate/precompiled.cjs', import.meta.url));

/** Load generated CommonJS source as a module whose require resolves from the repository. */
function load(source: string): Record<string, ValidateFunction> {
  const exports: Record<string, ValidateFunction> = {};
  new Function('exports', 'require', source)(exports, createRequire(`${ROOT}package.json`));
  return exports;
}

/** Variants of an entry that break it in the ways lists get broken: a field missing, of the wrong type, empty, an extra one. */
function variants(entry: Record<string, unknown>): unknown[] {
  const out: unknown[] = [entry, {}, null, [], '文本', { ...entry, 未知字段: 1 }];
  for (const [key, value] of Object.entries(entry)) {
    const { [key]: _, ...without } = entry;
    out.push(without);
    for (const wrong of [123, '', [], {}, null, true, 'x', ['x', 'x'], [{}], '2026-13-45']) {
      if (JSON.stringify(wrong) !== JSON.stringify(value)) out.push({ ...entry, [key]: wrong });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const inner of Object.keys(value)) out.push({ ...entry, [key]: { ...(value as object), [inner]: 0 } });
    }
  }
  return out;
}

describe('precompiled validators', () => {
  const schemas = ownSchemas();
  const precompiled = load(precompiledSource(schemas));

  it('are the tool’s own schemas, each valid against the 2020-12 meta-schema', () => {
    const ajv = createAjv();
    for (const schema of schemas) expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(Object.keys(precompiled).sort()).toEqual([...new Set(schemas.map((s) => precompiledName(JSON.stringify(s))))].sort());
  });

  it('include the meta-schema’s (its own module), with ajv’s verdict on schemas written well and badly', () => {
    const ajv = createAjv();
    const module = { exports: {} as ValidateFunction };
    new Function('module', 'exports', 'require', metaSchemaSource())(module, module.exports, createRequire(`${ROOT}package.json`));
    const meta = module.exports;
    expect(existsSync(BUILT.replace('precompiled.cjs', 'meta-schema.cjs')), 'build/validate/meta-schema.cjs: run npm run build').toBe(true);
    const written = [
      ...schemas,
      { type: 'object', properties: { name: { type: 'string', minLength: 2 } }, required: ['name'] },
      { type: 'strnig' },
      { type: 'string', minLength: -1 },
      { properties: 5 },
      { required: 'name' },
      { type: 'object', properties: { a: { enum: 'x' } } },
      { $ref: 5 },
      { items: [{ type: 'string' }] },
      { type: 'object', additionalProperties: 'no' },
      { pattern: 3 },
      { format: 7 },
      { $defs: { a: { type: 'bogus' } } },
      // Formats the meta-schema names: a pattern that is no regular expression, a reference that is no URI.
      { pattern: '(' },
      { pattern: '^[a-z]+$' },
      { $ref: 'http://[bad' },
      { $id: 'https://example.org/kinds/tasks' },
      true,
      {},
    ];
    let refused = 0;
    for (const schema of written) {
      const verdict = ajv.validateSchema(schema) as boolean;
      expect(meta(schema), JSON.stringify(schema)).toBe(verdict);
      if (!verdict) refused++;
    }
    expect(refused).toBeGreaterThan(8);
    // A user's schema it refuses is still named by ajv's own check (the message config/bad-kind shows).
    expect(() => compileSchema({ type: 'strnig' }, { user: true })).toThrow(/schema is invalid: data\/type/);
  });

  it('give the same verdict and the same errors as ajv compiling the schema, for every kind’s entries broken many ways', () => {
    const catalog = compile({ paths: ['lists'], cwd: ROOT });
    const ajv = createAjv();
    let compared = 0;
    let rejected = 0;
    for (const kind of catalog.kinds.all().filter((k) => k.builtin)) {
      const samples = catalog.entries(kind.name).slice(0, 3);
      expect(samples.length, kind.name).toBeGreaterThan(0);
      const compiled = ajv.compile(kind.entrySchema);
      const standalone = precompiled[precompiledName(JSON.stringify(kind.entrySchema))]!;
      for (const sample of samples) {
        for (const data of variants(sample.data as Record<string, unknown>)) {
          const verdict = compiled(data);
          expect(standalone(data), `${kind.name}: ${JSON.stringify(data)}`).toBe(verdict);
          expect(JSON.stringify(standalone.errors)).toBe(JSON.stringify(compiled.errors));
          compared++;
          if (!verdict) rejected++;
        }
      }
    }
    // The comparison covered real entries (accepted) and many broken ones.
    expect(compared).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(compared * 0.8);
    expect(compared - rejected).toBeGreaterThan(6);
  });

  it('and the configuration’s: same errors for a broken configuration', () => {
    const schema = schemas.find((s) => (s as { properties?: Record<string, unknown> }).properties?.key_supervision_cap)!;
    const compiled = createAjv().compile(schema);
    const standalone = precompiled[precompiledName(JSON.stringify(schema))]!;
    for (const config of [{}, { key_supervision_cap: 0, edition: { date: '2026-02-30' }, rules: { x: 'loud' }, kinds: [{ name: 1 }] }, { codes: { items: '(' } }]) {
      expect(standalone(config)).toBe(compiled(config));
      expect(JSON.stringify(standalone.errors)).toBe(JSON.stringify(compiled.errors));
    }
  });

  it('are in the build, up to date (npm test builds first)', () => {
    expect(existsSync(BUILT), 'build/validate/precompiled.cjs: run npm run build').toBe(true);
    const built = createRequire(import.meta.url)(BUILT) as Record<string, ValidateFunction>;
    for (const schema of schemas) expect(built[precompiledName(JSON.stringify(schema))], 'stale build: run npm run build').toBeTypeOf('function');
  });

  it('spare a built run over the built-in kinds ajv’s compiler; a custom kind still compiles', () => {
    const loaded = (lists: string) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { createRequire } from 'node:module';
           const { main } = await import(${JSON.stringify(`${ROOT}build/cli/main.js`)});
           const sink = { write: () => true };
           const code = await main(['check', ${JSON.stringify(lists)}, '--no-cache'], { stdout: sink, stderr: sink, cwd: ${JSON.stringify(ROOT)}, env: {} });
           const cache = Object.keys(createRequire(import.meta.url).cache);
           console.log(JSON.stringify({ code, ajv: cache.some((p) => p.endsWith('/ajv/dist/core.js')) }));`,
        ],
        { encoding: 'utf8' },
      );
    // lists/ defines a kind of its own (tasks): its schema is compiled, so ajv is loaded.
    expect(JSON.parse(loaded('lists'))).toEqual({ code: 0, ajv: true });
    // The market department's lists are of built-in kinds only.
    expect(JSON.parse(loaded('lists/market'))).toEqual({ code: expect.any(Number), ajv: false });
  });
});
