/** One spreadsheet file to the text of one list file: read, choose the sheet, import, write YAML. */
import { basename } from 'node:path';
import type { Config } from '../config/index.js';
import type { Kind } from '../kinds/registry.js';
import type { CsvEncoding } from './csv.js';
import { chooseSheet, importedYaml, importSheet, mappingProblems, type ImportProblem, type SheetImport } from './index.js';
import { foldHeader } from './headers.js';
import { readSpreadsheet } from './read.js';

export interface ImportFileOptions {
  /** Absolute path of the spreadsheet. */
  path: string;
  kind: Kind;
  config: Config;
  department?: Record<string, unknown>;
  sheet?: string;
  encoding?: CsvEncoding;
}

export type ImportFileResult =
  | { ok: true; result: SheetImport; yaml: string | undefined; encoding?: string }
  | { ok: false; reason: 'sheet-not-found'; sheets: string[] }
  | { ok: false; reason: 'bad-mapping'; problems: ImportProblem[] };

export async function importFile(options: ImportFileOptions): Promise<ImportFileResult> {
  const { kind, config } = options;
  const defaults = options.department ?? {};
  const settings = { kind, mapping: config.import[kind.name], defaults, creditGrades: config.credit_grades };
  const bad = mappingProblems(settings);
  if (bad.length > 0) return { ok: false, reason: 'bad-mapping', problems: bad };
  const { sheets, encoding } = await readSpreadsheet(options.path, { encoding: options.encoding });
  let sheet;
  if (options.sheet !== undefined) {
    const wanted = options.sheet;
    sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => foldHeader(s.name) === foldHeader(wanted));
    if (!sheet) return { ok: false, reason: 'sheet-not-found', sheets: sheets.map((s) => s.name) };
  } else sheet = chooseSheet(sheets, settings);
  if (!sheet) return { ok: false, reason: 'sheet-not-found', sheets: [] };
  const result = importSheet(sheet, settings);
  const yaml = result.headerRows
    ? importedYaml(kind, result.entries, defaults, { file: basename(options.path), sheet: sheet.name, headerRows: result.headerRows })
    : undefined;
  return { ok: true, result, yaml, encoding };
}
