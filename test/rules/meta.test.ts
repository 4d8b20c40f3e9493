/**
 * Keeps every rule's four parts in step (as ESLint's build check does): the
 * source file, its line in the index, its test file and its doc page; and its
 * meta complete (both languages, a known category, messages for every id).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';

const root = new URL('../../', import.meta.url);
const ruleFiles = readdirSync(new URL('src/rules/', root))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

describe('rules: source, index, test and doc in step', () => {
  it('every rule file is in the index, and the index is sorted', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(ruleFiles);
  });

  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has a test file and a doc page', () => {
        expect(existsSync(new URL(`test/rules/${id}.test.ts`, root)), `test/rules/${id}.test.ts`).toBe(true);
        expect(existsSync(new URL(`docs/rules/${id}.md`, root)), `docs/rules/${id}.md`).toBe(true);
      });
      it('has a doc page that names it and shows examples', () => {
        const doc = readFileSync(new URL(`docs/rules/${id}.md`, root), 'utf8');
        expect(doc.startsWith(`# ${id}`)).toBe(true);
        expect(doc).toMatch(/```yaml/);
      });
      it('has descriptions and messages in both languages', () => {
        expect(rule.meta.description.zh).toMatch(/\p{Script=Han}/u);
        expect(rule.meta.description.en).toMatch(/[a-z]/);
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
        for (const m of Object.values(rule.meta.messages)) {
          expect(m.zh).toMatch(/\p{Script=Han}/u);
          expect(m.en.length).toBeGreaterThan(0);
        }
      });
      it('has its test file assert its id', () => {
        const test = readFileSync(new URL(`test/rules/${id}.test.ts`, root), 'utf8');
        expect(test).toContain(`'${id}'`);
      });
    });
  }
});
