/**
 * GitHub Actions workflow commands: each active finding becomes an annotation
 * on the pull request's changed files (::error / ::warning / ::notice), waived
 * findings stay quiet, and a summary line closes the log.
 */
import { countDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { diagnosticMessage, relatedMessage, ui } from '../core/messages.js';
import type { Formatter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

const T = {
  related: { zh: '相关', en: 'related' },
  summary: {
    zh: 'qingdan {command}：{error} 个错误，{warning} 个警告，{info} 个提示，{waived} 个已豁免',
    en: 'qingdan {command}: {error} error(s), {warning} warning(s), {info} info, {waived} waived',
  },
};

/** Escaping of a command's message (GitHub's escapeData). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property values (GitHub's escapeProperty): also `:` and `,`, which delimit properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function properties(d: Diagnostic): string {
  const props: [string, string | number][] = [];
  const loc = d.location;
  if (loc) {
    props.push(['file', loc.file.replace(/\\/g, '/')], ['line', loc.line]);
    // Columns only mean something to GitHub on a one-line annotation.
    if (loc.endLine === loc.line) props.push(['col', loc.column], ['endLine', loc.endLine], ['endColumn', loc.endColumn]);
    else props.push(['endLine', loc.endLine]);
  }
  props.push(['title', d.ruleId]);
  return props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
}

export const github: Formatter = (diagnostics, context) => {
  const { lang } = context;
  const out: string[] = [];
  for (const d of diagnostics) {
    if (d.waived) continue;
    const lines = [diagnosticMessage(d, lang)];
    for (const r of d.related) {
      const where = r.file ? `${r.file}:${r.line}:${r.column}` : '';
      const message = relatedMessage(d.ruleId, r, lang);
      lines.push(`${ui(lang, T.related)} ${where}${message ? ' ' + message : ''}`);
    }
    out.push(`::${COMMAND[d.severity]} ${properties(d)}::${escapeData(lines.join('\n'))}`);
  }
  out.push(ui(lang, T.summary, { command: context.command, ...countDiagnostics(diagnostics) }));
  return [out.join('\n') + '\n'];
};
