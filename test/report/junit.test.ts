import { describe, expect, it } from 'vitest';
import { makeDiagnostic, type Diagnostic, type SourceLocation } from '../../src/core/diagnostics.js';
import { registerMessages } from '../../src/core/messages.js';
import { junit } from '../../src/report/junit.js';
import { formatReport } from '../../src/report/types.js';

registerMessages('test-rule', {
  bad: { zh: '值“{value}”有问题', en: 'Value "{value}" is wrong' },
  other: { zh: '另一处', en: 'the other one' },
});

const at = (file: string, line: number, column: number): SourceLocation => ({ file, line, column, endLine: line, endColumn: column + 1, pointer: '' });
const context = { lang: 'zh' as const, sources: new Map<string, string>(), color: false, command: 'check', toolVersion: '0.1.0' };

/** A minimal well-formedness check: one root, balanced tags, no raw & or < outside markup. */
function assertWellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1);
  const stack: string[] = [];
  let roots = 0;
  const text = body.replace(/<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/g, (_m, close: string, name: string, _attrs: string, self: string) => {
    if (close) expect(stack.pop()).toBe(name);
    else if (!self) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
    return '';
  });
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
}

describe('junit', () => {
  it('writes one suite per file and one case per finding: failure, skipped, or passing for info', () => {
    const error = makeDiagnostic('test-rule', 'bad', { value: 'a' }, at('lists/items.yaml', 3, 11), 'error', [
      { file: 'lists/other.yaml', line: 7, column: 9, messageId: 'other' },
    ]);
    const warning = makeDiagnostic('test-rule', 'bad', { value: 'b' }, at('lists/items.yaml', 9, 17), 'warning');
    const waived: Diagnostic = { ...makeDiagnostic('test-rule', 'bad', { value: 'c' }, at('lists/tasks.yaml', 10, 14)), waived: { reason: '照录原文' } };
    const info = makeDiagnostic('test-rule', 'bad', { value: 'd' }, undefined, 'info');
    const xml = formatReport(junit, [error, warning, waived, info], context);
    assertWellFormed(xml);
    expect(xml).toContain('<testsuites name="qingdan check" tests="4" failures="2" errors="0" skipped="1" time="0">');
    expect(xml).toContain('<testsuite name="lists/items.yaml" tests="2" failures="2" errors="0" skipped="0" time="0">');
    expect(xml).toContain(
      '<testcase classname="lists/items.yaml" name="test-rule 3:11" time="0">\n' +
        '      <failure type="error" message="值“a”有问题">lists/items.yaml:3:11 test-rule/bad\n值“a”有问题\n相关 lists/other.yaml:7:9 另一处</failure>\n' +
        '    </testcase>',
    );
    expect(xml).toContain('<failure type="warning" message="值“b”有问题">');
    expect(xml).toContain('<testsuite name="lists/tasks.yaml" tests="1" failures="0" errors="0" skipped="1" time="0">');
    expect(xml).toContain('<skipped message="已豁免：照录原文"/>');
    expect(xml).toContain(
      '<testsuite name="（全局）" tests="1" failures="0" errors="0" skipped="0" time="0">\n' +
        '    <testcase classname="（全局）" name="test-rule" time="0">\n' +
        '      <system-out>test-rule/bad\n值“d”有问题</system-out>',
    );
  });

  it('escapes markup, keeps line breaks in attributes, and drops characters XML 1.0 forbids', () => {
    const d = makeDiagnostic('test-rule', 'bad', { value: `<a href="x">&'\u0001\u0008\ud800\ufffe\n第二行` }, at('lists/a&b.yaml', 1, 1));
    const xml = formatReport(junit, [d], context);
    assertWellFormed(xml);
    expect(xml).toContain('<testsuite name="lists/a&amp;b.yaml"');
    expect(xml).toContain('message="值“&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;第二行”有问题"');
    expect(xml).toContain('>lists/a&amp;b.yaml:1:1 test-rule/bad\n值“&lt;a href=&quot;x&quot;&gt;&amp;&apos;\n第二行”有问题</failure>');
    expect(xml).not.toMatch(/[\u0001\u0008\ud800\ufffe]/);
  });

  it('shows a clean run as one passing case', () => {
    const xml = formatReport(junit, [], context);
    assertWellFormed(xml);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="qingdan check" tests="1" failures="0" errors="0" skipped="0" time="0">\n' +
        '  <testsuite name="qingdan check" tests="1" failures="0" errors="0" skipped="0" time="0">\n' +
        '    <testcase classname="qingdan check" name="没有发现问题" time="0"/>\n' +
        '  </testsuite>\n' +
        '</testsuites>\n',
    );
  });
});
