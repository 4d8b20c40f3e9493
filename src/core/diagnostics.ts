/**
 * Diagnostics: what every stage of the pipeline reports. A diagnostic names a
 * rule and a message id with data, never a finished sentence; the sentence is
 * rendered per language by the formatters (see messages.ts).
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface SourceLocation {
  /** Path of the file as shown to the user (relative to the working directory). */
  file: string;
  /** 1-based line and column (columns count UTF-16 code units, as editors do). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer to the value in the file's data, '' for the whole file. */
  pointer: string;
}

export interface RelatedLocation extends Partial<SourceLocation> {
  /** Message id (of the same rule) that describes this location, with its data. */
  messageId?: string;
  data?: MessageData;
}

export type MessageData = Record<string, string | number | boolean | undefined>;

export interface Waiver {
  reason: string;
  approvedBy?: string;
}

export interface Diagnostic {
  ruleId: string;
  messageId: string;
  data: MessageData;
  severity: Severity;
  location: SourceLocation | undefined;
  related: RelatedLocation[];
  /** Set when the data waives this finding with a written reason. */
  waived?: Waiver;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}

export interface DiagnosticCounts {
  error: number;
  warning: number;
  info: number;
  waived: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts: DiagnosticCounts = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const d of diagnostics) {
    if (d.waived) counts.waived++;
    else counts[d.severity]++;
  }
  return counts;
}

/** Does any active (not waived) diagnostic reach the failing severity? */
export function failsAt(diagnostics: readonly Diagnostic[], failOn: Severity): boolean {
  return diagnostics.some((d) => !d.waived && SEVERITY_RANK[d.severity] >= SEVERITY_RANK[failOn]);
}

/** RFC 6901 JSON pointer from a path of keys and indexes. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function makeDiagnostic(
  ruleId: string,
  messageId: string,
  data: MessageData,
  location: SourceLocation | undefined,
  severity: Severity = 'error',
  related: RelatedLocation[] = [],
): Diagnostic {
  return { ruleId, messageId, data, severity, location, related };
}

/** A value's type in words, in both languages (`actual`, `actual_en`) for messages. */
export function describeType(value: unknown): { actual: string; actual_en: string } {
  if (value === null || value === undefined) return { actual: '空值', actual_en: 'null' };
  if (Array.isArray(value)) return { actual: '序列', actual_en: 'a sequence' };
  switch (typeof value) {
    case 'string':
      return { actual: '字符串', actual_en: 'a string' };
    case 'number':
      return { actual: '数字', actual_en: 'a number' };
    case 'boolean':
      return { actual: '布尔值', actual_en: 'a boolean' };
    case 'object':
      return { actual: '映射', actual_en: 'a mapping' };
    default:
      return { actual: typeof value, actual_en: typeof value };
  }
}
