import type { Diagnostic } from '../core/diagnostics.js';
import type { Lang } from '../core/messages.js';

/** Source text by displayed file path (a Map will do; a catalog's reads a file only when asked for it). */
export interface SourceTexts {
  get(file: string): string | undefined;
}

export interface ReportContext {
  lang: Lang;
  /** Source text by displayed file path, for code frames. */
  sources: SourceTexts;
  color: boolean;
  /** What the run was: 'validate', 'check' … */
  command: string;
  toolVersion: string;
}

/** A formatter turns the diagnostics of a run into the text of a report. */
export type Formatter = (diagnostics: readonly Diagnostic[], context: ReportContext) => string;
