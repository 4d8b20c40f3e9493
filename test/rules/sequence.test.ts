import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/sequence.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const CONFIG = `kinds:
  - name: tasks
    title: 任务分工
    sequence: seq
    layout: { columns: [{ field: seq }] }
    schema:
      type: object
      required: [seq, content]
      properties: { seq: { type: integer }, content: { type: string } }
`;

/** A task table numbered as given, one entry a line from line 3. */
const tasks = (numbers: readonly number[]) => `kind: tasks\nentries:\n${numbers.map((n) => `  - { seq: ${n}, content: 任务${n} }\n`).join('')}`;
const run = (files: Record<string, string>, config = CONFIG) => runRule({ 'qingdan.config.yaml': config, 'departments.yaml': DEPARTMENTS, ...files }, rule);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('sequence', () => {
  it('passes 1, 2, 3 … in each file', () => {
    expect(run({ 'a/tasks.yaml': tasks(range(1, 30)), 'b/tasks.yaml': tasks(range(1, 3)) }).diagnostics).toEqual([]);
  });

  it('reproduces the numbering of the policy’s 附件1: 1…21, 21, 23…27, 38', () => {
    const numbers = [...range(1, 21), 21, ...range(23, 27), 38];
    const { diagnostics } = run({ 'tasks.yaml': tasks(numbers) });
    // Entry k (from 0) is on line 3 + k; its seq value starts at column 12.
    expect(brief(diagnostics)).toEqual(['sequence/repeat tasks.yaml:24:12', 'sequence/gap tasks.yaml:25:12', 'sequence/jump tasks.yaml:30:12']);
    const [repeat, gap, jump] = diagnostics;
    expect(repeat!.data).toMatchObject({ seq: 21 });
    expect(repeat!.related).toMatchObject([{ file: 'tasks.yaml', line: 23, column: 12, messageId: 'first' }]);
    expect(gap!.data).toMatchObject({ seq: 23, missing: '22' });
    expect(jump!.data).toMatchObject({ seq: 38, previous: 27, from: 28, to: 37, count: 10 });
  });

  it('lists the numbers of a small gap, and reports a first number other than 1 and numbers out of order', () => {
    const { diagnostics } = run({ 'tasks.yaml': tasks([2, 3, 6, 5]) });
    expect(brief(diagnostics)).toEqual(['sequence/start tasks.yaml:3:12', 'sequence/gap tasks.yaml:5:12', 'sequence/order tasks.yaml:6:12']);
    expect(diagnostics[1]!.data).toMatchObject({ missing: '4、5', missing_en: '4, 5' });
  });

  it('takes the largest gap that is not a jump from the rule options', () => {
    const config = `${CONFIG}rules:\n  sequence: { options: { maxGap: 1 } }\n`;
    const { diagnostics } = run({ 'tasks.yaml': tasks([1, 3, 6]) }, config);
    expect(brief(diagnostics)).toEqual(['sequence/gap tasks.yaml:4:12', 'sequence/jump tasks.yaml:5:12']);
  });

  it('counts an invalid entry’s number without reporting on it', () => {
    const list = `kind: tasks\nentries:\n  - { seq: 1, content: 任务1 }\n  - { seq: 2 }\n  - { seq: 2, content: 任务2 }\n  - { seq: 3, content: 任务3 }\n`;
    const { diagnostics } = run({ 'tasks.yaml': list });
    expect(brief(diagnostics)).toEqual(['sequence/repeat tasks.yaml:5:12']);
  });
});
