/**
 * The report for people: grouped by file, each problem at file:line:column with
 * its rule, the message, a code frame with the caret under the right character,
 * the JSON pointer, related locations and waivers; a summary line at the end.
 */
import { countDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { codeFrame, terminalText as t } from '../core/codeframe.js';
import { diagnosticMessage, relatedMessage, ui } from '../core/messages.js';
import { palette } from './color.js';
import type { Formatter } from './types.js';

const SEVERITY_WORDS = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

const T = {
  pointer: { zh: '位置', en: 'at' },
  related: { zh: '相关', en: 'related' },
  waived: { zh: '已豁免：{reason}{by}', en: 'waived: {reason}{by}' },
  summary: {
    zh: '{mark} {total} 个问题（{error} 个错误，{warning} 个警告，{info} 个提示）{waived}',
    en: '{mark} {total} problem(s) ({error} error(s), {warning} warning(s), {info} info){waived}',
  },
  waivedCount: { zh: '，另有 {n} 个已豁免', en: ', {n} waived' },
  clean: { zh: '✔ 没有发现问题{waived}', en: '✔ No problems found{waived}' },
  global: { zh: '（全局）', en: '(global)' },
};

export const stylish: Formatter = function* (diagnostics, context) {
  const { lang } = context;
  const c = palette(context.color);
  let out: string[] = [];
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const file = d.location?.file ?? '';
    const list = groups.get(file);
    if (list) list.push(d);
    else groups.set(file, [d]);
  }
  for (const [file, list] of groups) {
    // What comes from the lists and file names goes through t() (terminalText): no raw control characters reach the terminal.
    out.push(c.bold(t(file) || ui(lang, T.global)));
    for (const d of list) {
      const sev = SEVERITY_WORDS[d.severity][lang];
      const colored = d.waived ? c.dim(sev) : d.severity === 'error' ? c.red(sev) : d.severity === 'warning' ? c.yellow(sev) : c.blue(sev);
      const where = d.location ? `${t(d.location.file)}:${d.location.line}:${d.location.column}` : '';
      out.push(`  ${where}  ${colored}  ${t(diagnosticMessage(d, lang))}  ${c.dim(d.ruleId)}`);
      const source = d.location && !d.waived ? (context.sources.lines?.(d.location.file) ?? context.sources.get(d.location.file)) : undefined;
      if (d.location && source) {
        const end = d.location.endLine === d.location.line ? d.location.endColumn : undefined;
        out.push(codeFrame(source, d.location.line, d.location.column, end, { context: 0, indent: '    ' }));
      }
      if (d.location?.pointer && !d.waived) out.push(c.dim(`    ${ui(lang, T.pointer)} ${t(d.location.pointer)}`));
      for (const r of d.related) {
        const rm = t(relatedMessage(d.ruleId, r, lang) ?? '');
        const rw = r.file ? `${t(r.file)}:${r.line}:${r.column}` : '';
        out.push(c.dim(`    ${ui(lang, T.related)} ${rw}${rm ? '  ' + rm : ''}`));
      }
      if (d.waived) {
        const by = d.waived.approvedBy ? (lang === 'zh' ? `（批准：${d.waived.approvedBy}）` : ` (approved by ${d.waived.approvedBy})`) : '';
        out.push(c.dim(`    ${t(ui(lang, T.waived, { reason: d.waived.reason, by }))}`));
      }
      if (out.length >= 1000) {
        yield out.join('\n') + '\n';
        out = [];
      }
    }
    out.push('');
  }
  const counts = countDiagnostics(diagnostics);
  const total = counts.error + counts.warning + counts.info;
  const waived = counts.waived > 0 ? ui(lang, T.waivedCount, { n: counts.waived }) : '';
  if (total === 0) out.push(c.bold(ui(lang, T.clean, { waived })));
  else out.push(c.bold(ui(lang, T.summary, { mark: counts.error > 0 ? c.red('✖') : c.yellow('⚠'), total, ...counts, waived })));
  yield out.join('\n') + '\n';
};
