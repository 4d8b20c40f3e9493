/**
 * The checks issue's acceptance case: the policy's 附件1 task table as
 * transcribed (the configured `tasks` kind) with the joint-meeting registry,
 * without the waivers that lists/ carries, reports exactly what is wrong with
 * the original: the repeated 序号 21, the missing 22, the jump from 27 to 38,
 * 区域指中心 (suggesting 区城指中心), the short forms that name a registered
 * department, and the variant character in "実施". With the waivers, every
 * one of them shows as waived and nothing else is reported.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, isMap, isSeq } from 'yaml';
import { checkCatalog } from '../../src/check/index.js';
import { catalogOf } from '../helpers/tree.js';

const lists = new URL('../../lists/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, lists), 'utf8');

function withoutWaivers(text: string): string {
  const doc = parseDocument(text);
  const entries = doc.get('entries');
  if (isSeq(entries)) for (const e of entries.items) if (isMap(e)) e.delete('waivers');
  return doc.toString();
}

const tasks = withoutWaivers(read('tasks.yaml'));
const tree = {
  'qingdan.config.yaml': read('qingdan.config.yaml'),
  'departments.yaml': read('departments.yaml'),
  'tasks.yaml': tasks,
};
const RULES = ['sequence', 'unknown-department', 'non-canonical-department', 'variant-character'];

function lineOf(needle: string, occurrence = 1): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = tasks.indexOf(needle, index + 1);
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return tasks.slice(0, index).split('\n').length;
}

describe('附件1 as transcribed, with the joint-meeting registry', () => {
  const catalog = catalogOf(tree);
  const findings = checkCatalog(catalog).filter((d) => RULES.includes(d.ruleId));

  it('loads clean: the problems are the policy’s, not the file’s', () => {
    expect(catalog.diagnostics).toEqual([]);
    expect(catalog.entries('tasks').map((e) => e.data.seq)).toEqual([...Array.from({ length: 21 }, (_, i) => i + 1), 21, 23, 24, 25, 26, 27, 38]);
  });

  it('reports the repeated 21, the missing 22 and the jump from 27 to 38', () => {
    const seq = findings.filter((d) => d.ruleId === 'sequence').map((d) => `${d.messageId}@${d.location!.line}`);
    expect(seq.sort()).toEqual([`repeat@${lineOf('seq: 21', 2)}`, `gap@${lineOf('seq: 23')}`, `jump@${lineOf('seq: 38')}`].sort());
  });

  it('reports 区域指中心 with the suggestion 区城指中心, at the characters', () => {
    const unknown = findings.filter((d) => d.ruleId === 'unknown-department');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.data.name).toBe('区域指中心');
    expect(String(unknown[0]!.data.suggestion)).toContain('区城指中心');
    const line = lineOf('区域指中心牵头');
    expect(unknown[0]!.location).toMatchObject({ line, column: tasks.split('\n')[line - 1]!.indexOf('区域指中心') + 1 });
  });

  it('reports the short forms that name a registered department, with the canonical name', () => {
    const forms = findings.filter((d) => d.ruleId === 'non-canonical-department');
    const written = forms.map((d) => `${d.data.name}→${d.data.canonical}`);
    expect(new Set(written)).toEqual(new Set(['区卫健委→区卫生健康委', '区发改委→区发展改革委', '区经信局→区经济信息化局', '区编办→区委编办']));
    // 区经信局 appears in four rows: each is reported.
    expect(written.filter((w) => w.startsWith('区经信局'))).toHaveLength(4);
  });

  it('reports the variant character in "実施"', () => {
    const variants = findings.filter((d) => d.ruleId === 'variant-character');
    expect(variants).toHaveLength(1);
    expect(variants[0]!.location!.line).toBe(lineOf('実施'));
    expect(tasks.split('\n')[variants[0]!.location!.line - 1]![variants[0]!.location!.column - 1]).toBe('実');
  });

  it('with the waivers of lists/, every finding is waived and none is left over', () => {
    const waived = catalogOf({ ...tree, 'tasks.yaml': read('tasks.yaml') });
    const all = checkCatalog(waived).filter((d) => d.location?.file === 'tasks.yaml');
    expect(all.filter((d) => !d.waived)).toEqual([]);
    expect(all.filter((d) => d.waived).length).toBe(findings.length);
  });
});
