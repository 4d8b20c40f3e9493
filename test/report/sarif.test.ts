import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import { compareDiagnostics, makeDiagnostic } from '../../src/core/diagnostics.js';
import { sarif } from '../../src/report/sarif.js';
import { formatReport } from '../../src/report/types.js';
import { rules } from '../../src/rules/index.js';
import { rule as duplicateCode } from '../../src/rules/duplicate-code.js';
import { rule as unknownDepartment } from '../../src/rules/unknown-department.js';
import { catalogOf, DEPARTMENTS } from '../helpers/tree.js';

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-2.1.0.schema.json', import.meta.url), 'utf8'));
// The OASIS schema's `language` pattern is not a valid Unicode-mode regular expression; read patterns as ES5 ones.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const item = (code: string, name: string, department: string, extra = '') => `  - code: '${code}'
    main_name: 食品经营监督
    name: ${name}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${department}
${extra}`;

const WAIVER = `    waivers:
      - { rule: unknown-department, reason: 照录附件1原文, approved_by: 联席会议办公室 }
`;

/** A run with a duplicate (related locations), an unknown department (one waived), a schema error and a finding with no place. */
function run(prefix = '') {
  const items = `${prefix}kind: items
entries:
${item('12345678901234', '甲事项', 'market')}${item('12345678901234', '乙事项', '区域指中心')}${item('12345678901235', '丙事项', '区域指中心', WAIVER)}  - code: '12345678901236'
    name: 丁事项
`;
  const catalog = catalogOf({ 'departments.yaml': DEPARTMENTS, '清单/食品 items.yaml': items });
  const diagnostics = [
    ...catalog.diagnostics,
    ...checkCatalog(catalog, { rules: [duplicateCode, unknownDepartment] }),
    makeDiagnostic('config', 'not-found', { path: 'qingdan.config.yaml' }, undefined),
  ].sort(compareDiagnostics);
  const sources = new Map(catalog.files.map((f) => [f.display, f.text]));
  return JSON.parse(formatReport(sarif, diagnostics, { lang: 'zh', sources, color: false, command: 'check', toolVersion: '0.1.0' }));
}

describe('sarif', () => {
  const log = run();
  const driver = log.runs[0].tool.driver;
  const results: any[] = log.runs[0].results;

  it('is valid SARIF 2.1.0 by the official schema', () => {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
  });

  it('describes every rule and every pipeline stage, and results point at their descriptor', () => {
    const ids = driver.rules.map((r: any) => r.id);
    for (const r of rules) expect(ids).toContain(r.meta.id);
    for (const stage of ['schema', 'yaml', 'file', 'list', 'citation', 'config', 'waiver']) expect(ids).toContain(stage);
    expect(driver).toMatchObject({ name: 'qingdan', version: '0.1.0' });
    const dup = driver.rules.find((r: any) => r.id === 'duplicate-code');
    expect(dup.help.text).toContain('qingdan rules duplicate-code');
    expect(dup.defaultConfiguration.level).toBe('error');
    expect(dup.shortDescription.text).toBe('同一编码被多个条目使用');
    for (const r of results) expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results.map((r) => r.ruleId)).toContain('schema');
  });

  it('keeps a finding that has no place in a file, without locations', () => {
    const config = results.find((r) => r.ruleId === 'config');
    expect(config.locations).toBeUndefined();
    expect(config.message.text).toContain('qingdan.config.yaml');
  });

  it('places results by relative URI and region, with related locations', () => {
    const dup = results.filter((r) => r.ruleId === 'duplicate-code');
    expect(dup).toHaveLength(2);
    expect(dup[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '%E6%B8%85%E5%8D%95/%E9%A3%9F%E5%93%81%20items.yaml' },
      region: { startLine: 3, startColumn: 11, endLine: 3, endColumn: 27 },
    });
    expect(dup[0].level).toBe('error');
    expect(dup[0].relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: '%E6%B8%85%E5%8D%95/%E9%A3%9F%E5%93%81%20items.yaml' },
          region: { startLine: 10, startColumn: 11, endLine: 10, endColumn: 27 },
        },
        message: { text: '另一处使用' },
      },
    ]);
  });

  it('marks waived findings as in-source suppressions with the reason', () => {
    const unknown = results.filter((r) => r.ruleId === 'unknown-department');
    expect(unknown).toHaveLength(2);
    expect(unknown[0].suppressions).toBeUndefined();
    expect(unknown[1].suppressions).toEqual([{ kind: 'inSource', justification: '照录附件1原文', properties: { approvedBy: '联席会议办公室' } }]);
  });

  it('gives fingerprints that are unique, and stable across runs and moved lines', () => {
    const prints = results.map((r) => r.partialFingerprints['qingdan/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    expect(run().runs[0].results.map((r: any) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    const moved = run('# 第一版\n\n').runs[0].results;
    expect(moved.map((r: any) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    const placed = results.findIndex((r) => r.locations);
    expect(moved[placed].locations[0].physicalLocation.region.startLine).toBe(results[placed].locations[0].physicalLocation.region.startLine + 2);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(log));
  });
});
