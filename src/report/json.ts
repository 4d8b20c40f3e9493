/** The machine report: every diagnostic with its message rendered, and counts. Never truncated. */
import { countDiagnostics } from '../core/diagnostics.js';
import { diagnosticMessage, relatedMessage } from '../core/messages.js';
import type { Formatter } from './types.js';

export const json: Formatter = (diagnostics, context) => {
  const report = {
    tool: 'qingdan',
    version: context.toolVersion,
    command: context.command,
    summary: countDiagnostics(diagnostics),
    diagnostics: diagnostics.map((d) => ({
      ruleId: d.ruleId,
      messageId: d.messageId,
      severity: d.severity,
      message: diagnosticMessage(d, context.lang),
      ...(d.location ?? {}),
      data: d.data,
      related: d.related.map((r) => ({ ...r, message: relatedMessage(d.ruleId, r, context.lang) })),
      ...(d.waived ? { waived: d.waived } : {}),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
};
