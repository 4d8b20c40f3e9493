/** What every command gets: the I/O, the chosen language, and a way to set the exit code. */
import { readFileSync } from 'node:fs';
import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostics.js';
import type { Lang } from '../core/messages.js';
import type { Catalog } from '../link/index.js';
import { formatters } from '../report/index.js';
import type { SourceTexts } from '../report/types.js';
import { exitCodeFor, UsageError } from './exit.js';
import type { CliIO } from './io.js';

export interface CommandContext {
  io: CliIO;
  lang(): Lang;
  debug(): boolean;
  setExit(code: number): void;
  version: string;
}

export const TOOL_VERSION: string = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
})();

export function parseLang(value: string): Lang {
  if (value === 'zh' || value === 'en') return value;
  throw new UsageError(`--lang: zh | en (${value})`);
}

export function formatOption(value: string): string {
  const allowed = Object.keys(formatters);
  if (!allowed.includes(value)) throw new UsageError(`--format: ${allowed.join(' | ')} (${value})`);
  return value;
}

/** The catalog's source texts for reports: a file's text is read only when a report shows a line of it. */
export function sourcesOf(catalog: Catalog): SourceTexts {
  const files = new Map(catalog.files.map((f) => [f.display, f]));
  return { get: (display) => files.get(display)?.text };
}

/** Print the diagnostics in the chosen format and set the exit code. */
export function report(
  ctx: CommandContext,
  command: string,
  diagnostics: readonly Diagnostic[],
  sources: SourceTexts,
  format: string,
  failOn: Severity = 'error',
): void {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const formatter = formatters[format];
  if (!formatter) throw new UsageError(`--format: ${Object.keys(formatters).join(' | ')} (${format})`);
  const pieces = formatter(sorted, {
    lang: ctx.lang(),
    sources,
    color: Boolean(ctx.io.stdout.isTTY) && !ctx.io.env.NO_COLOR,
    command,
    toolVersion: ctx.version,
  });
  // Written as it is made, in writes of about 64 KB: a large report is never held whole.
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= 65536) {
      ctx.io.stdout.write(pending);
      pending = '';
    }
  }
  if (pending !== '') ctx.io.stdout.write(pending);
  ctx.setExit(exitCodeFor(sorted, failOn));
}
