/** The machine report: every diagnostic with its message rendered, and counts. Never truncated. */
import { countDiagnostics } from '../core/diagnostics.js';
import { diagnosticMessage, relatedMessage } from '../core/messages.js';
import { jsonWithArray, mapped, type Formatter } from './types.js';

export const json: Formatter = (diagnostics, context) => {
  const head = {
    tool: 'qingdan',
    version: context.toolVersion,
    command: context.command,
    summary: countDiagnostics(diagnostics),
  };
  return jsonWithArray(
    { ...head, diagnostics: [] },
    'diagnostics',
    mapped(diagnostics, (d) => ({
      ruleId: d.ruleId,
      messageId: d.messageId,
      severity: d.severity,
      message: diagnosticMessage(d, context.lang),
      ...(d.location ?? {}),
      data: d.data,
      related: d.related.map((r) => ({ ...r, message: relatedMessage(d.ruleId, r, context.lang) })),
      ...(d.waived ? { waived: d.waived } : {}),
    })),
    1,
  );
};


