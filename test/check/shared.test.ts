/** Values rules share within one check: made once, the rules that share them run together, let go after the last of them. */
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import { runOrder, SharedValues } from '../../src/check/shared.js';
import type { Rule, SharedValue } from '../../src/rules/types.js';
import { catalogOf, DEPARTMENTS, oneItem } from '../helpers/tree.js';

const ITEMS = oneItem();

/** A shared value that counts how often it is made. */
function counted(name: string): SharedValue<{ name: string }> & { made: number } {
  return {
    name,
    made: 0,
    make() {
      this.made++;
      return { name };
    },
  };
}

/** A rule that notes when it runs, asks for its shared values and reports once on the first item. */
function rule(id: string, ran: string[], shares: SharedValue<unknown>[] = [], asks: SharedValue<unknown>[] = shares): Rule {
  return {
    meta: { id, category: 'text', description: { zh: '测试规则', en: 'test' }, defaultSeverity: 'info', messages: { found: { zh: '发现', en: 'found' } } },
    shares,
    check({ catalog, report, shared }) {
      ran.push(id);
      for (const value of asks) shared(value);
      report({ entry: catalog.valid('items')[0]!, messageId: 'found' });
    },
  };
}

describe('shared values', () => {
  it('runs the rules that share a value one after another, at the place of the first', () => {
    const a = counted('a');
    const b = counted('b');
    const runs = ['x', 'a1', 'y', 'b1', 'a2', 'z', 'b2'].map((id) => ({ rule: rule(id, [], id.startsWith('a') ? [a] : id.startsWith('b') ? [b] : []) }));
    expect(runOrder(runs).map((r) => r.rule.meta.id)).toEqual(['x', 'a1', 'a2', 'y', 'b1', 'b2', 'z']);
  });

  it('makes a value once for all the rules that share it, and lets it go after the last of them', () => {
    const value = counted('value');
    const first = rule('first', [], [value]);
    const last = rule('last', [], [value]);
    const shared = new SharedValues(catalogOf({ 'departments.yaml': DEPARTMENTS }), [first, rule('other', []), last]);
    const made = shared.get(first, value);
    shared.done(first);
    expect(shared.holds(value)).toBe(true);
    expect(shared.get(last, value)).toBe(made);
    expect(value.made).toBe(1);
    shared.done(last);
    expect(shared.holds(value)).toBe(false);
  });

  it('reports the findings in the order of the rules, whatever order they ran in', () => {
    const value = counted('value');
    const ran: string[] = [];
    const rules = [rule('r1', ran, [value]), rule('r2', ran), rule('r3', ran, [value])];
    const found = checkCatalog(catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS }), { rules });
    expect(ran).toEqual(['r1', 'r3', 'r2']);
    expect(found.map((d) => d.ruleId)).toEqual(['r1', 'r2', 'r3']);
    expect(value.made).toBe(1);
  });

  it('fails a rule that asks for a value it does not share (it would be let go under it)', () => {
    const value = counted('value');
    const rules = [rule('sharer', [], [value]), rule('stowaway', [], [], [value])];
    const found = checkCatalog(catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS }), { rules });
    expect(found.map((d) => `${d.ruleId}/${d.messageId}`)).toEqual(['sharer/found', 'rule/crashed']);
    expect(found[1]!.data.detail).toMatch(/stowaway .*shared value/);
  });
});
