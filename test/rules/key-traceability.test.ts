import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/key-traceability.js';
import { brief, runRule } from '../helpers/tree.js';

/** One key-supervision entry: 7 lines, then `extra`. */
const key = (code: string, field: string, extra = '') => `  - code: ${code}
    field: ${field}
    name: ${field}重点监管
    items: ['11000000000001']
    reason: 直接涉及公共安全和人民群众生命健康
    measures: [跟踪监管, 直接指导]
    departments: [market]
${extra}`;

const run = (entries: string[], config?: string) =>
  runRule({ ...(config ? { 'qingdan.config.yaml': config } : {}), 'key.yaml': `kind: key-supervision\nentries:\n${entries.join('')}` }, rule);

describe('key-traceability', () => {
  it('passes traced products and fields that need no traceability', () => {
    const { diagnostics, catalog } = run([key('ZD-001', '食品', '    traceability: 食品生产经营者追溯编码\n'), key('ZD-002', '安全生产')]);
    expect(catalog.valid('key-supervision')).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('reports a missing traceability at the field, and a blank one at its value', () => {
    const { diagnostics } = run([key('ZD-001', '食品'), key('ZD-002', '特种设备', "    traceability: '  '\n")]);
    expect(brief(diagnostics)).toEqual(['key-traceability/missing key.yaml:4:12', 'key-traceability/missing key.yaml:17:19']);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[0]!.data).toMatchObject({ name: '食品重点监管', field: '食品' });
  });

  it('follows the configured fields', () => {
    const { diagnostics } = run([key('ZD-001', '食品'), key('ZD-002', '危险化学品')], 'traceability_fields: [危险化学品]\n');
    expect(brief(diagnostics)).toEqual(['key-traceability/missing key.yaml:11:12']);
  });
});
