/** The loader: positions (also after Chinese text), file shapes, encodings and hostile YAML. */
import { describe, expect, it } from 'vitest';
import { brief, catalogOf, DEPARTMENTS } from '../helpers/tree.js';

const ITEM = `kind: items
department: market
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
`;

const problems = (files: Record<string, string | Uint8Array>) => brief(catalogOf(files).diagnostics);

describe('source positions', () => {
  it('maps a path to line and column, counting UTF-16 units after Chinese text', () => {
    const catalog = catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEM });
    const entry = catalog.get('items', '12345678901234')!;
    expect(entry.locate(['basis'])).toMatchObject({ file: 'items.yaml', line: 8, column: 12, pointer: '/entries/0/basis' });
    // A field given as a file-level default points at the default.
    expect(entry.locate(['department'])).toMatchObject({ line: 2, column: 13, pointer: '/department' });
    // A missing field falls back to the nearest existing ancestor (the entry).
    expect(entry.locate(['approval', 'type'])).toMatchObject({ line: 4, column: 5 });
    expect(entry.locate(['name'], 'key')).toMatchObject({ line: 6, column: 5 });
  });

  it('locates characters inside a string value, plain or quoted', () => {
    const catalog = catalogOf({ 'items.yaml': ITEM.replace('basis: 《', 'basis: "《').replace('一十条', '一十条"') });
    const entry = catalog.get('items', '12345678901234')!;
    const basis = entry.getString('basis')!;
    const start = basis.indexOf('第');
    const loc = entry.locateInString(['basis'], start, start + 1);
    expect(loc).toMatchObject({ line: 8, column: 12 + 1 + start, endColumn: 12 + 2 + start });
  });

  it('applies file-level defaults to entries that lack the field', () => {
    const catalog = catalogOf({ 'items.yaml': ITEM });
    expect(catalog.get('items', '12345678901234')!.data.department).toBe('market');
  });
});

describe('file shapes', () => {
  it('reports a file without kind, with an unknown kind (and a suggestion), without entries', () => {
    expect(problems({ 'a.yaml': 'entries: []\n' })).toEqual(['list/missing-kind a.yaml:1:1']);
    const unknown = catalogOf({ 'a.yaml': 'kind: item\nentries: []\n' }).diagnostics;
    expect(brief(unknown)).toEqual(['list/unknown-kind a.yaml:1:7']);
    expect(unknown[0]!.data.suggestion).toContain('items');
    expect(problems({ 'a.yaml': 'kind: items\n' })).toEqual(['list/missing-entries a.yaml:1:1']);
    expect(problems({ 'a.yaml': 'kind: items\nentries: 3\n' })).toEqual(['list/entries-not-sequence a.yaml:2:10']);
  });

  it('reports an empty file, a file that is not a mapping, an entry that is not a mapping', () => {
    expect(problems({ 'a.yaml': '' })).toEqual(['list/empty a.yaml:1:1']);
    expect(problems({ 'a.yaml': '- just\n- a list\n' })).toEqual(['list/not-a-mapping a.yaml:1:1']);
    expect(problems({ 'a.yaml': 'kind: departments\nentries:\n  - plain text\n' })).toEqual(['list/entry-not-mapping a.yaml:3:5']);
  });

  it('reports a file-level key that is not a field of the kind', () => {
    expect(problems({ 'a.yaml': 'kind: items\ndepartmnet: market\nentries: []\n' })).toEqual(['list/unknown-default a.yaml:2:1']);
  });

  it('reads every *.yaml and *.yml below the folder, skipping dot-folders', () => {
    const catalog = catalogOf({ 'a/b/d.yml': DEPARTMENTS, '.hidden/x.yaml': 'not: [valid', 'notes.txt': 'x' });
    expect(catalog.diagnostics).toEqual([]);
    expect(catalog.entries('departments')).toHaveLength(3);
  });
});

describe('encodings', () => {
  it('accepts a BOM and CRLF line ends, with the right positions', () => {
    const text = '\ufeff' + ITEM.replace(/\n/g, '\r\n').replace('action: 行政检查', 'action: 检查');
    expect(problems({ 'items.yaml': text })).toEqual(['schema/enum items.yaml:7:13']);
  });

  it('names UTF-16 and GBK files and says how to convert', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: items\n', 'utf16le')]);
    const d16 = catalogOf({ 'a.yaml': utf16 }).diagnostics;
    expect(brief(d16)).toEqual(['file/utf16 a.yaml:1:1']);
    expect(d16[0]!.data.encoding).toBe('UTF-16LE');
    // "检查" in GB18030
    const gbk = Buffer.concat([Buffer.from('kind: items\nentries:\n  - name: '), Buffer.from([0xbc, 0xec, 0xb2, 0xe9]), Buffer.from('\n')]);
    expect(brief(catalogOf({ 'a.yaml': gbk }).diagnostics)).toEqual(['file/not-utf8 a.yaml:3:1']);
  });

  it('refuses binary files', () => {
    expect(problems({ 'a.yaml': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]) })).toEqual(['file/binary a.yaml:1:1']);
  });
});

describe('YAML problems', () => {
  it('reports a duplicate key at the second key, and still validates the rest', () => {
    const text = ITEM.replace('    level: 区级\n', '    level: 区级\n    name: 重复\n    colour: red\n');
    expect(problems({ 'items.yaml': text })).toEqual(['yaml/duplicate-key items.yaml:10:5', 'schema/unknown-field items.yaml:11:5']);
  });

  it('reports a wrong indentation once, without a cascade, and keeps checking other entries', () => {
    const two = ITEM + ITEM.split('entries:\n')[1]!.replace("'12345678901234'", "'12345678901235'").replace('action: 行政检查', 'action: 检察');
    const broken = two.replace('    level: 区级\n', '      level: 区级\n');
    const d = problems({ 'items.yaml': broken });
    expect(d.filter((x) => x.startsWith('yaml/'))).toEqual(['yaml/indent items.yaml:9:7']);
    expect(d).toContain('schema/enum items.yaml:13:13');
  });

  it('stops an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    expect(problems({ 'a.yaml': 'kind: items\n' + bomb.join('\n') + '\nentries: []\n' })).toEqual(['yaml/alias-bomb a.yaml:1:1']);
  });

  it('keeps YAML 1.2 meanings: no and on are strings, dates stay strings, 010 is a number to quote', () => {
    const catalog = catalogOf({
      'laws.yaml': 'kind: laws\nentries:\n  - id: x\n    title: on\n    level: 法律\n    effective: 2021-07-15\n    note: no\n',
    });
    expect(catalog.diagnostics).toEqual([]);
    const law = catalog.entries('laws')[0]!;
    expect(law.data.title).toBe('on');
    expect(law.data.effective).toBe('2021-07-15');
    const coded = catalogOf({ 'items.yaml': ITEM.replace("code: '12345678901234'", 'code: 010') });
    const d = coded.diagnostics.find((x) => x.ruleId === 'schema')!;
    expect(d.messageId).toBe('type');
    expect(String(d.data.hint)).toContain('"010"');
  });
});
