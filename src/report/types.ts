import type { Diagnostic } from '../core/diagnostics.js';
import type { Lang } from '../core/messages.js';

export interface ReportContext {
  lang: Lang;
  /** Source text by displayed file path, for code frames. */
  sources: ReadonlyMap<string, string>;
  color: boolean;
  /** What the run was: 'validate', 'check' … */
  command: string;
  toolVersion: string;
}

/** A formatter turns the diagnostics of a run into the text of a report. */
export type Formatter = (diagnostics: readonly Diagnostic[], context: ReportContext) => string;
