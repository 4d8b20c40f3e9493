/**
 * SARIF 2.1.0, the format code-scanning services read (GitHub code scanning,
 * Azure DevOps, SonarQube …): one run with every rule described, each finding
 * at its file, line and columns (UTF-16, as our columns count), the other side
 * of a duplicate or conflict as related locations, waived findings as in-source
 * suppressions, and fingerprints that stay put when lines move.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic, RelatedLocation, Severity, SourceLocation } from '../core/diagnostics.js';
import { diagnosticMessage, relatedMessage, type Lang } from '../core/messages.js';
import { rules } from '../rules/index.js';
import type { RuleCategory } from '../rules/types.js';
import { jsonWithArray, mapped, type Formatter, type SourceLines, type SourceTexts } from './types.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface Description {
  zh: string;
  en: string;
  level: Severity;
  category?: RuleCategory | 'pipeline';
  /** Rules have a doc page; the pipeline's own checks do not. */
  doc: boolean;
}

/** The checks of load, validate and check themselves, which report under their stage's id. */
const PIPELINE: Record<string, Description> = {
  file: { zh: '清单文件无法读取', en: 'A list file that cannot be read', level: 'error', doc: false },
  yaml: { zh: 'YAML 语法问题', en: 'YAML syntax problems', level: 'error', doc: false },
  list: { zh: '清单文件结构问题（kind:、entries:）', en: 'List file structure (kind:, entries:)', level: 'error', doc: false },
  config: { zh: '配置文件问题', en: 'Configuration problems', level: 'error', doc: false },
  schema: { zh: '条目不符合清单种类的字段定义', en: "An entry that does not match its kind's schema", level: 'error', doc: false },
  citation: { zh: '无法解析的法律依据引用', en: 'A legal citation that cannot be parsed', level: 'error', doc: false },
  waiver: { zh: '豁免无效或已不对应任何结论', en: 'A waiver that names no rule or matches nothing', level: 'warning', doc: false },
  rule: { zh: '规则运行出错', en: 'A rule that failed to run', level: 'error', doc: false },
};

function describe(id: string): Description {
  const rule = rules.find((r) => r.meta.id === id);
  if (rule) return { ...rule.meta.description, level: rule.meta.defaultSeverity, category: rule.meta.category, doc: true };
  return PIPELINE[id] ?? { zh: id, en: id, level: 'error', doc: false };
}

function descriptor(id: string, lang: Lang) {
  const d = describe(id);
  const category = d.category ?? 'pipeline';
  return {
    id,
    name: id,
    shortDescription: { text: d[lang] },
    fullDescription: { text: `${d.zh} / ${d.en}` },
    defaultConfiguration: { level: LEVEL[d.level] },
    ...(d.doc
      ? {
          help: { text: lang === 'zh' ? `运行 qingdan rules ${id} 查看说明。` : `Run qingdan rules ${id} for its documentation.` },
        }
      : {}),
    properties: { category, tags: ['qingdan', category] },
  };
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded (清单/食品.yaml). */
function artifactUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function physicalLocation(loc: Partial<SourceLocation> & { file: string }) {
  const line = loc.line ?? 1;
  const column = loc.column ?? 1;
  return {
    artifactLocation: { uri: artifactUri(loc.file) },
    region: { startLine: line, startColumn: column, endLine: loc.endLine ?? line, endColumn: loc.endColumn ?? column },
  };
}

/** The source text a location covers (its first line's part when it spans lines), for fingerprints. */
class SourceText {
  private readonly lines = new Map<string, SourceLines>();
  constructor(private readonly sources: SourceTexts) {}

  of(loc: SourceLocation | undefined): string {
    if (!loc) return '';
    let lines = this.lines.get(loc.file);
    if (!lines) {
      lines = this.sources.lines?.(loc.file) ?? linesOfText(this.sources.get(loc.file) ?? '');
      this.lines.set(loc.file, lines);
    }
    const line = lines.line(loc.line) ?? '';
    return (loc.endLine === loc.line ? line.slice(loc.column - 1, loc.endColumn - 1) : line.slice(loc.column - 1)).trim();
  }
}

function linesOfText(text: string): SourceLines {
  const lines = text.split(/\r?\n/);
  return { count: lines.length, line: (n) => lines[n - 1] };
}

function sortedJson(data: Diagnostic['data']): string {
  return JSON.stringify(Object.keys(data).sort().map((k) => [k, data[k]]));
}

export const sarif: Formatter = (diagnostics, context) => {
  const { lang } = context;
  const ids = [...rules.map((r) => r.meta.id), ...Object.keys(PIPELINE)];
  for (const d of diagnostics) if (!ids.includes(d.ruleId)) ids.push(d.ruleId);
  const ruleIndex = new Map(ids.map((id, i) => [id, i]));

  // Fingerprint: what was found and where in the text, not the line number; an ordinal tells identical findings apart.
  const text = new SourceText(context.sources);
  const seen = new Map<string, number>();
  const fingerprint = (d: Diagnostic): string => {
    const hash = createHash('sha256')
      .update([d.ruleId, d.messageId, d.location?.file ?? '', text.of(d.location), sortedJson(d.data)].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const ordinal = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, ordinal);
    return `${hash}:${ordinal}`;
  };

  const related = (d: Diagnostic) =>
    d.related
      .filter((r): r is RelatedLocation & { file: string } => r.file !== undefined)
      .map((r, i) => {
        const message = relatedMessage(d.ruleId, r, lang);
        return { id: i + 1, physicalLocation: physicalLocation(r), ...(message ? { message: { text: message } } : {}) };
      });

  const result = (d: Diagnostic) => {
    const relatedLocations = related(d);
    return {
      ruleId: d.ruleId,
      ruleIndex: ruleIndex.get(d.ruleId)!,
      level: LEVEL[d.severity],
      message: { text: diagnosticMessage(d, lang) },
      ...(d.location ? { locations: [{ physicalLocation: physicalLocation(d.location) }] } : {}),
      ...(relatedLocations.length > 0 ? { relatedLocations } : {}),
      partialFingerprints: { 'qingdan/v1': fingerprint(d) },
      ...(d.waived
        ? {
            suppressions: [
              { kind: 'inSource', justification: d.waived.reason, ...(d.waived.approvedBy ? { properties: { approvedBy: d.waived.approvedBy } } : {}) },
            ],
          }
        : {}),
      properties: { messageId: d.messageId, ...(d.location?.pointer ? { pointer: d.location.pointer } : {}) },
    };
  };

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qingdan',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            rules: ids.map((id) => descriptor(id, lang)),
          },
        },
        invocations: [{ executionSuccessful: !diagnostics.some((d) => d.ruleId === 'rule'), properties: { command: context.command } }],
        language: lang === 'zh' ? 'zh-CN' : 'en-US',
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  // The results, one at a time: runs[0].results is the log's last text.
  return jsonWithArray(log, 'results', mapped(diagnostics, result), 3);
};
