import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/multi-head.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const SWIMMING = '对游泳场所的监督检查';
const item = (code: string, name: string, department: string, lead?: boolean) =>
  `  - { code: '${code}', main_name: 对公共场所的监督检查, name: ${name}, action: 行政检查, basis: 《食品安全法》第一百一十条, level: 区级, department: ${department}${lead === undefined ? '' : `, lead: ${lead}`} }\n`;
const run = (...items: string[]) => runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': `kind: items\nentries:\n${items.join('')}` }, rule);

describe('multi-head', () => {
  it('passes an item of one department (under any of its names), and a shared item with one lead', () => {
    expect(run(item('12345678901234', SWIMMING, 'market'), item('12345678901235', SWIMMING, '区市场监管局')).diagnostics).toEqual([]);
    expect(run(item('12345678901234', SWIMMING, 'market', true), item('12345678901235', SWIMMING, 'health')).diagnostics).toEqual([]);
  });

  it('reports every department’s entry of an item that several claim with none as lead, the others related', () => {
    const { diagnostics } = run(
      item('12345678901234', SWIMMING, 'market'),
      item('12345678901235', '对游泳场所的 监督检查。', 'health', false),
      item('12345678901236', '对美容美发场所的监督检查', 'health'),
    );
    expect(brief(diagnostics)).toEqual(['multi-head/no-lead items.yaml:3:131', 'multi-head/no-lead items.yaml:4:133']);
    expect(diagnostics[0]!.data).toMatchObject({ count: 2, departments: '区市场监管局、区卫生健康委' });
    expect(diagnostics.map((d) => d.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`))).toEqual([['other items.yaml:4:133'], ['other items.yaml:3:131']]);
  });

  it('reports more than one lead', () => {
    const { diagnostics } = run(item('12345678901234', SWIMMING, 'market', true), item('12345678901235', SWIMMING, 'health', true));
    expect(brief(diagnostics)).toEqual(['multi-head/several-leads items.yaml:3:145', 'multi-head/several-leads items.yaml:4:145']);
    expect(diagnostics[0]!.related).toMatchObject([{ file: 'items.yaml', line: 4, column: 145, messageId: 'other' }]);
  });
});
