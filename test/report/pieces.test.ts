/**
 * Reports are written in pieces (a million entries' findings are hundreds of
 * megabytes): the pieces must make exactly the text JSON.stringify would make
 * of the whole report, whatever the strings hold.
 */
import { describe, expect, it } from 'vitest';
import { makeDiagnostic, type Diagnostic } from '../../src/core/diagnostics.js';
import { registerMessages } from '../../src/core/messages.js';
import { json } from '../../src/report/json.js';
import { sarif } from '../../src/report/sarif.js';
import { stylish } from '../../src/report/stylish.js';
import { formatReport, jsonWithArray, type ReportContext } from '../../src/report/types.js';

registerMessages('pieces-test', { m: { zh: '问题：{text}', en: 'problem: {text}' }, r: { zh: '相关', en: 'related' } });

const awkward = ['', 'a\nb', '"results": []', '\\"diagnostics\\": []', '  ]\n}', '\u2028\u0000', '中文，“引号”'];

function diagnostics(n: number): Diagnostic[] {
  return Array.from({ length: n }, (_, i) => {
    const text = awkward[i % awkward.length]!;
    const location = { file: `lists/${text}.yaml`, line: i + 1, column: 2, endLine: i + 1, endColumn: 5, pointer: `/entries/${i}` };
    return makeDiagnostic('pieces-test', 'm', { text }, i % 3 === 0 ? undefined : location, i % 2 ? 'error' : 'warning', [{ ...location, messageId: 'r' }]);
  });
}

const context: ReportContext = { lang: 'zh', sources: new Map(), color: false, command: 'check', toolVersion: '0.1.0' };

describe('reports in pieces', () => {
  it('jsonWithArray gives JSON.stringify’s text at any depth, for no, one or many items', () => {
    for (const items of [[], [1], awkward, [{ a: [1, { b: awkward }] }, null, 'x']]) {
      const flat = { a: 1, s: '"items": []', items };
      expect([...jsonWithArray({ ...flat, items: [] }, 'items', items, 1)].join('')).toBe(JSON.stringify(flat, null, 2) + '\n');
      const deep = { x: { y: [{ z: 'q', items }] } };
      expect([...jsonWithArray({ x: { y: [{ z: 'q', items: [] }] } }, 'items', items, 4)].join('')).toBe(JSON.stringify(deep, null, 2) + '\n');
    }
  });

  it('json and sarif come in one piece per finding and parse as one document', () => {
    const list = diagnostics(20);
    for (const formatter of [json, sarif]) {
      const pieces = [...formatter(list, context)];
      expect(pieces.length).toBe(list.length + 1);
      const text = pieces.join('');
      expect(formatReport(formatter, list, context)).toBe(text);
      const parsed = JSON.parse(text) as { diagnostics?: unknown[]; runs?: { results: unknown[] }[] };
      expect((parsed.diagnostics ?? parsed.runs![0]!.results).length).toBe(20);
      expect(JSON.stringify(parsed, null, 2) + '\n').toBe(text);
    }
  });

  it('stylish comes in pieces of whole lines as findings go by, the summary last', () => {
    const list = diagnostics(1500);
    const pieces = [...stylish(list, context)];
    // Every finding here makes at least three lines (itself, its pointer or code frame, its related entry): 4500 lines, cut about every thousand.
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true);
    expect(pieces.at(-1)).toContain('1500 个问题');
    expect(pieces.slice(0, -1).some((p) => p.includes('个问题'))).toBe(false);
  });
});
