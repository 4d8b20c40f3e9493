import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvField, csvLine, openDataEmitter } from '../../src/emit/opendata.js';
import type { Manifest } from '../../src/emit/manifest.js';
import type { Emitter } from '../../src/emit/types.js';
import { workbookEmitter } from '../../src/emit/xlsx/index.js';
import { buildFixture, fixtureTree, ITEMS, type FixtureBuild } from './fixtures.js';

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

const HOSTILE_ITEMS = ITEMS.replace('name: 对食品经营者经营活动的监督检查', `name: "=cmd|' /C calc'!A0"`)
  .replace('objects: 食品经营者\n', 'objects: "+1"\n    remarks: "@SUM(1)"\n')
  .replace('objects: 网络食品交易第三方平台提供者', 'objects: "-1"')
  .replace('objects: 医疗机构', 'objects: "医疗机构, 含\\"诊所\\"\\n及门诊部"');

describe('CSV fields', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvField(`=cmd|' /C calc'!A0`)).toBe(`'=cmd|' /C calc'!A0`);
    expect(csvField('+1')).toBe(`'+1`);
    expect(csvField('-1')).toBe(`'-1`);
    expect(csvField('@SUM(1)')).toBe(`'@SUM(1)`);
    expect(csvField('\tx')).toBe(`'\tx`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('区市场监管局')).toBe('区市场监管局');
    expect(csvField(12)).toBe('12');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"明"')).toBe('"说""明"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvLine(['a', 1, ''])).toBe('a,1,\r\n');
  });
});

describe('open data beside each workbook', () => {
  let built: FixtureBuild;
  beforeAll(async () => {
    built = await buildFixture(fixtureTree({ 'lists/market/items.yaml': HOSTILE_ITEMS }));
  });

  it('writes the table as CSV: UTF-8 with a BOM, the Chinese headers, CRLF line ends', () => {
    const bytes = readFileSync(join(built.outDir, '附件3-检查实施清单.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      '序号,抽查项目-检查类别,抽查项目-检查事项名称,检查实施清单编码,检查对象,检查方式,双随机、一公开,检查内容,检查依据,抽查比例和频次,实施部门,联合检查部门,备注',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r'))).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(4);
    expect(rows[1]!.slice(0, 3)).toEqual(['1', '日常检查', '食品销售者日常监督检查']);
    expect(rows[1]![7]).toBe('食品经营许可证是否在有效期内\n从业人员健康证明是否齐全\n进货查验记录是否完整');
    expect(rows[1]![9]).toBe('A级：3%，每年1次；B级：5%，每年1次；C级：10%，每年2次；D级：100%，每年4次');
  });

  it('neutralises formulas and quotes what needs it, end to end', () => {
    const rows = parseCsv(readFileSync(join(built.outDir, '附件2-监管事项目录清单.csv'), 'utf8').slice(1));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows[1]![col('监管事项-子项名称')]).toBe(`'=cmd|' /C calc'!A0`);
    expect(rows[1]![col('监管对象')]).toBe(`'+1`);
    expect(rows[1]![col('备注')]).toBe(`'@SUM(1)`);
    expect(rows[2]![col('监管对象')]).toBe(`'-1`);
    expect(rows[3]![col('监管对象')]).toBe('医疗机构, 含"诊所"\n及门诊部');
  });

  it('writes the entries as JSON with a stable key order and the edition', () => {
    const json = JSON.parse(readFileSync(join(built.outDir, '附件3-检查实施清单.json'), 'utf8'));
    expect(Object.keys(json)).toEqual(['kind', 'title', 'attachment', 'edition', 'draft', 'entries']);
    expect(json.kind).toBe('inspections');
    expect(json.title).toBe('北京市大兴区检查实施清单（示例）');
    expect(json.attachment).toBe(3);
    expect(json.draft).toBe(false);
    expect(json.edition).toEqual({
      jurisdiction: '北京市大兴区',
      issuer: '北京市大兴区事中事后监管工作联席会议办公室',
      title: '北京市大兴区事中事后监管清单',
      edition: '第一版（示例）',
      sample: true,
      date: '2026-11-20',
      notes: ['各部门应于每年第一季度更新本清单。'],
    });
    expect(json.entries).toHaveLength(3);
    // Schema order, whatever order the list file used.
    expect(Object.keys(json.entries[0])).toEqual(['code', 'name', 'item', 'category', 'methods', 'random', 'objects', 'contents', 'basis', 'sampling', 'department']);
    expect(json.entries[0].sampling[0]).toEqual({ grade: 'A', ratio: 3, per_year: 1 });
    expect(json.entries.map((e: { code: string }) => e.code)).toEqual(built.catalog.entries('inspections').map((e) => e.data.code));
  });

  it('leaves waivers out of the open data', async () => {
    const waived = ITEMS.replace("    department: 区卫生健康委\n", "    department: 区卫生健康委\n    waivers:\n      - { rule: duplicate-code, reason: 测试用的豁免理由 }\n");
    const b = await buildFixture(fixtureTree({ 'lists/market/items.yaml': waived }));
    const json = JSON.parse(readFileSync(join(b.outDir, '附件2-监管事项目录清单.json'), 'utf8'));
    expect(json.entries[2].name).toBe('对医疗机构执业活动的监督检查');
    expect('waivers' in json.entries[2]).toBe(false);
  });

  it('marks a draft in the JSON', async () => {
    const b = await buildFixture(fixtureTree(), { draft: true });
    const json = JSON.parse(readFileSync(join(b.outDir, '附件5-轻微违法行为容错纠错清单.json'), 'utf8'));
    expect(json.draft).toBe(true);
    expect(json.title).toContain('（草稿）');
    expect(b.manifest.draft).toBe(true);
  });
});

describe('the manifest', () => {
  it('lists every file with its type, size and SHA-256, sorted by path', async () => {
    const built = await buildFixture(fixtureTree(), { by: 'department' });
    const manifest = JSON.parse(readFileSync(join(built.outDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.generator).toBe('qingdan');
    expect(manifest.version).toBe('0.0.0-test');
    expect(manifest.draft).toBe(false);
    expect(manifest.timestamp).toBe('2026-11-20T00:00:00.000Z');
    expect(manifest.edition.edition).toBe('第一版（示例）');
    expect(manifest.source).toBeUndefined();
    const paths = manifest.artifacts.map((a) => a.path);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : 1)));
    expect(paths).toContain('附件2-监管事项目录清单.xlsx');
    expect(paths).toContain('departments/区卫生健康委/附件3-检查实施清单.csv');
    expect(paths).not.toContain('manifest.json');
    for (const a of manifest.artifacts) {
      const file = join(built.outDir, ...a.path.split('/'));
      expect(a.size, a.path).toBe(statSync(file).size);
      expect(a.sha256, a.path).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
      expect(a.type, a.path).toBe(a.path.slice(a.path.lastIndexOf('.') + 1));
    }
    const health = manifest.artifacts.find((a) => a.path === 'departments/区卫生健康委/附件2-监管事项目录清单.xlsx');
    expect(health).toMatchObject({ type: 'xlsx', kind: 'items', department: '区卫生健康委' });
  });

  it('reads back a file written without a digest, or changed after its digest was taken', async () => {
    // The emitters give the digests they took as they wrote; a later hand may have written more.
    const extra: Emitter = {
      name: 'extra',
      async emit(context) {
        writeFileSync(join(context.outDir, 'notes.txt'), '说明\n');
        appendFileSync(join(context.outDir, '附件2-监管事项目录清单.csv'), '追加\r\n');
        return [{ path: 'notes.txt', type: 'txt' }];
      },
    };
    const built = await buildFixture(fixtureTree(), { emitters: [workbookEmitter, openDataEmitter, extra] });
    expect(built.manifest.artifacts.map((a) => a.path)).toContain('notes.txt');
    for (const a of built.manifest.artifacts) {
      const bytes = readFileSync(join(built.outDir, ...a.path.split('/')));
      expect(a.size, a.path).toBe(bytes.length);
      expect(a.sha256, a.path).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('records the commit of the lists when they are in a git work tree, and whether they have changes', async () => {
    const root = fixtureTree();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' }).trim();
    try {
      git('init', '-q');
    } catch {
      return; // no git on this machine
    }
    git('add', 'lists');
    git('commit', '-q', '-m', 'lists');
    const head = git('rev-parse', 'HEAD');
    // dist/ is outside the lists folder: building does not make the lists dirty.
    const first = await buildFixture(root);
    expect(first.manifest.source).toEqual({ commit: head, dirty: false });
    const second = await buildFixture(root);
    expect(second.manifest.source).toEqual({ commit: head, dirty: false });
    writeFileSync(join(root, 'lists', 'market', 'items.yaml'), ITEMS + '\n');
    const changed = await buildFixture(root);
    expect(changed.manifest.source).toEqual({ commit: head, dirty: true });
  });
});
