/**
 * The one place that maps outcomes to exit codes:
 * 0 clean, 1 findings at or above the failing severity, 2 usage, configuration,
 * I/O or internal error.
 */
import { failsAt, type Diagnostic, type Severity } from '../core/diagnostics.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Diagnostics that mean the run itself could not be done as asked. */
export function isUsageError(d: Diagnostic): boolean {
  if (d.ruleId === 'config' || d.ruleId === 'usage') return true;
  return d.ruleId === 'file' && (d.messageId === 'not-found' || d.messageId === 'no-files' || d.messageId === 'unreadable');
}

export function exitCodeFor(diagnostics: readonly Diagnostic[], failOn: Severity = 'error'): number {
  if (diagnostics.some(isUsageError)) return EXIT_USAGE;
  return failsAt(diagnostics, failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/** An error the user caused by how the command was called; shown without a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
