import { describe, expect, it } from 'vitest';
import { makeDiagnostic, type Diagnostic, type SourceLocation } from '../../src/core/diagnostics.js';
import { registerMessages } from '../../src/core/messages.js';
import { github } from '../../src/report/github.js';
import { formatReport } from '../../src/report/types.js';

registerMessages('test-rule', {
  bad: { zh: '值“{value}”有问题', en: 'Value "{value}" is wrong' },
  other: { zh: '另一处', en: 'the other one' },
});

const at = (file: string, line: number, column: number, endLine: number, endColumn: number): SourceLocation => ({ file, line, column, endLine, endColumn, pointer: '' });
const context = (lang: 'zh' | 'en' = 'zh') => ({ lang, sources: new Map<string, string>(), color: false, command: 'check', toolVersion: '0.1.0' });

describe('github', () => {
  it('writes one workflow command per finding, escaping data and properties', () => {
    const d = makeDiagnostic('test-rule', 'bad', { value: '50%\r\n第1,2条:见附件' }, at('lists/a,b:c.yaml', 3, 5, 3, 9));
    expect(formatReport(github, [d], context())).toBe(
      '::error file=lists/a%2Cb%3Ac.yaml,line=3,col=5,endLine=3,endColumn=9,title=test-rule::值“50%25%0D%0A第1,2条:见附件”有问题\n' +
        'qingdan check：1 个错误，0 个警告，0 个提示，0 个已豁免\n',
    );
  });

  it('maps severities, keeps columns to one-line ranges, lists related locations and skips waived findings', () => {
    const warning = makeDiagnostic('test-rule', 'bad', { value: 'w' }, at('lists\\items.yaml', 4, 3, 6, 1), 'warning', [
      { file: 'lists/other.yaml', line: 7, column: 9, messageId: 'other' },
    ]);
    const info = makeDiagnostic('test-rule', 'bad', { value: 'i' }, undefined, 'info');
    const waived: Diagnostic = { ...makeDiagnostic('test-rule', 'bad', { value: 'x' }, at('lists/items.yaml', 1, 1, 1, 2)), waived: { reason: '照录原文' } };
    expect(formatReport(github, [warning, info, waived], context('en'))).toBe(
      '::warning file=lists/items.yaml,line=4,endLine=6,title=test-rule::Value "w" is wrong%0Arelated lists/other.yaml:7:9 the other one\n' +
        '::notice title=test-rule::Value "i" is wrong\n' +
        'qingdan check: 0 error(s), 1 warning(s), 1 info, 1 waived\n',
    );
  });

  it('prints only the summary for a clean run', () => {
    expect(formatReport(github, [], context())).toBe('qingdan check：0 个错误，0 个警告，0 个提示，0 个已豁免\n');
  });
});
