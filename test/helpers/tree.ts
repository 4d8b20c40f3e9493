/**
 * Test trees: write a folder of list files into a fresh temporary directory,
 * run the pipeline on it, and find diagnostics by rule id.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { compile } from '../../src/pipeline.js';
import { checkCatalog } from '../../src/check/index.js';
import type { Catalog } from '../../src/link/index.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import type { Rule } from '../../src/rules/types.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Write files (path → content) under a new temporary folder; returns the folder. */
export function writeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'qingdan-test-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** Compile a tree (load → validate → link). */
export function catalogOf(files: Record<string, string | Uint8Array>): Catalog {
  const root = writeTree(files);
  return compile({ paths: ['.'], cwd: root });
}

/** Compile a tree and run one rule (or all): returns the rule diagnostics and the catalog. */
export function runRule(files: Record<string, string | Uint8Array>, rule?: Rule): { catalog: Catalog; diagnostics: Diagnostic[] } {
  const catalog = catalogOf(files);
  const diagnostics = checkCatalog(catalog, rule ? { rules: [rule] } : {});
  return { catalog, diagnostics };
}

/** A compact view of diagnostics for assertions: "rule/message file:line:col". */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.ruleId}/${d.messageId} ${d.location?.file}:${d.location?.line}:${d.location?.column}`);
}

/** A small departments registry used by many tests. */
/** One valid item entry of the department `market` (DEPARTMENTS), as a list's YAML; `name` as written in YAML (quote it yourself). */
export function itemEntry(code: string, name: string): string {
  return `  - code: '${code}'
    main_name: 食品经营监督
    name: ${name}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
`;
}

/** A list of one valid item (itemEntry). */
export function oneItem(name = '对食品经营者的监督检查'): string {
  return `kind: items\nentries:\n${itemEntry('12345678901231', name)}`;
}

export const DEPARTMENTS = `kind: departments
entries:
  - id: market
    name: 北京市大兴区市场监督管理局
    short_name: 区市场监管局
    aliases: [区市场监督管理局]
    member: true
  - id: health
    name: 北京市大兴区卫生健康委员会
    short_name: 区卫生健康委
    aliases: [区卫健委]
    member: true
  - id: city-command
    name: 北京市大兴区城市管理指挥中心
    short_name: 区城指中心
    member: true
`;

export const LAWS = `kind: laws
entries:
  - id: food-safety-law
    title: 中华人民共和国食品安全法
    short_titles: [食品安全法]
    level: 法律
    effective: 2015-10-01
    articles: 154
  - id: administrative-penalty-law
    title: 中华人民共和国行政处罚法
    short_titles: [行政处罚法]
    level: 法律
    effective: 2021-07-15
    articles: 86
    renumberings:
      - { effective: 2021-07-15, from: '27.1', to: '32' }
      - { effective: 2021-07-15, from: '27.2', to: '33.1' }
`;
