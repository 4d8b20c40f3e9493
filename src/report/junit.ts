/**
 * JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure
 * Pipelines …): one test suite per list file, one test case per finding
 * (failure for errors and warnings, skipped when waived, passing for info),
 * and one passing case for a clean run so that the run shows at all.
 */
import { countDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { diagnosticMessage, relatedMessage, ui } from '../core/messages.js';
import type { Formatter } from './types.js';

const T = {
  global: { zh: '（全局）', en: '(global)' },
  clean: { zh: '没有发现问题', en: 'No problems found' },
  related: { zh: '相关', en: 'related' },
  waived: { zh: '已豁免：{reason}', en: 'waived: {reason}' },
};

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const FORBIDDEN = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function escapeXml(s: string): string {
  return s
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute keeps its line breaks and tabs only as character references. */
function attr(s: string | number): string {
  return escapeXml(String(s)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function where(d: Diagnostic): string {
  return d.location ? `${d.location.line}:${d.location.column}` : '';
}

export const junit: Formatter = (diagnostics, context) => {
  const { lang } = context;
  const suites = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const name = d.location?.file ?? ui(lang, T.global);
    const list = suites.get(name);
    if (list) list.push(d);
    else suites.set(name, [d]);
  }

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const counts = countDiagnostics(diagnostics);
  const failures = counts.error + counts.warning;
  const total = Math.max(diagnostics.length, 1);
  out.push(`<testsuites name="${attr(`qingdan ${context.command}`)}" tests="${total}" failures="${failures}" errors="0" skipped="${counts.waived}" time="0">`);

  if (diagnostics.length === 0) {
    const name = `qingdan ${context.command}`;
    out.push(`  <testsuite name="${attr(name)}" tests="1" failures="0" errors="0" skipped="0" time="0">`);
    out.push(`    <testcase classname="${attr(name)}" name="${attr(ui(lang, T.clean))}" time="0"/>`);
    out.push('  </testsuite>');
  }

  for (const [file, list] of suites) {
    const c = countDiagnostics(list);
    out.push(`  <testsuite name="${attr(file)}" tests="${list.length}" failures="${c.error + c.warning}" errors="0" skipped="${c.waived}" time="0">`);
    for (const d of list) {
      const message = diagnosticMessage(d, lang);
      const name = `${d.ruleId} ${where(d)}`.trim();
      out.push(`    <testcase classname="${attr(file)}" name="${attr(name)}" time="0">`);
      const body = [`${d.location ? `${d.location.file}:${where(d)} ` : ''}${d.ruleId}/${d.messageId}`, message];
      for (const r of d.related) {
        const rm = relatedMessage(d.ruleId, r, lang);
        body.push(`${ui(lang, T.related)} ${r.file ? `${r.file}:${r.line}:${r.column}` : ''}${rm ? ' ' + rm : ''}`);
      }
      if (d.waived) {
        out.push(`      <skipped message="${attr(ui(lang, T.waived, { reason: d.waived.reason }))}"/>`);
      } else if (d.severity === 'info') {
        out.push(`      <system-out>${escapeXml(body.join('\n'))}</system-out>`);
      } else {
        out.push(`      <failure type="${d.severity}" message="${attr(message)}">${escapeXml(body.join('\n'))}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return [out.join('\n') + '\n'];
};
