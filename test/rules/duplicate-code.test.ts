import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/duplicate-code.js';
import { brief, DEPARTMENTS, itemEntry as item, runRule } from '../helpers/tree.js';

describe('duplicate-code', () => {
  it('passes distinct codes', () => {
    const items = `kind: items\nentries:\n${item('12345678901234', '甲事项')}${item('12345678901235', '乙事项')}`;
    expect(runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': items }, rule).diagnostics).toEqual([]);
  });

  it('reports every use of a repeated code, across files, with the others related', () => {
    const a = `kind: items\nentries:\n${item('12345678901234', '甲事项')}`;
    const b = `kind: items\nentries:\n${item('12345678901235', '乙事项')}${item('12345678901234', '丙事项')}`;
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'a/items.yaml': a, 'b/items.yaml': b }, rule);
    expect(brief(diagnostics).sort()).toEqual(['duplicate-code/duplicate a/items.yaml:3:11', 'duplicate-code/duplicate b/items.yaml:10:11']);
    expect(diagnostics.every((d) => d.ruleId === 'duplicate-code' && d.related.length === 1)).toBe(true);
    expect(diagnostics.find((d) => d.location!.file === 'a/items.yaml')!.related[0]!.file).toBe('b/items.yaml');
  });
});
