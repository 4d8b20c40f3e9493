/**
 * qingdan fmt: the canonical layout with every comment kept; fmt twice is fmt
 * once; --check for CI; a file that does not parse is reported and left alone.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildKinds, findConfig, loadConfig } from '../../src/config/load.js';
import { formatListText } from '../../src/fmt/index.js';
import { writeTree } from '../helpers/tree.js';
import { run } from './run.js';

const kinds = buildKinds(defaultConfig()).kinds;

const MESSY = `# yaml-language-server: $schema=../schemas/inspections.schema.json
# 区市场监管局检查实施清单（示例）。
entries:
    # 餐饮服务
    -   name: "餐饮服务提供者食品安全日常监督检查"
        code: "SCJG-JC-001"   # 示例编码
        methods: [ "现场检查" ]
        category: 日常检查
        # 依据待法制审核确认
        basis: '《中华人民共和国食品安全法》第一百一十条'
        sampling:
          - { ratio: 3, grade: A, per_year: 1 }
        contact: 张三
        objects: "取得食品经营许可的餐饮服务提供者"
        item: SCJG-SX-001
        contents:
        - "原料控制：进货查验记录"
        - '0123'
        note: "第一行\\n第二行"

    - code: SCJG-JC-002
      name: 网络餐饮服务食品安全网络检查
      category: 日常检查
      methods: [网络检查]
      objects: 网络餐饮服务提供者
      item: SCJG-SX-001
      basis: 《中华人民共和国食品安全法》第一百一十条
department: market   # 文件级默认
kind: inspections
# 文件末尾的注释
`;

const CANONICAL = `# yaml-language-server: $schema=../schemas/inspections.schema.json
# 区市场监管局检查实施清单（示例）。
kind: inspections
department: market # 文件级默认
entries:
  # 餐饮服务
  - code: SCJG-JC-001 # 示例编码
    name: 餐饮服务提供者食品安全日常监督检查
    item: SCJG-SX-001
    category: 日常检查
    methods: [现场检查]
    objects: 取得食品经营许可的餐饮服务提供者
    contents:
      - 原料控制：进货查验记录
      - '0123'
    # 依据待法制审核确认
    basis: 《中华人民共和国食品安全法》第一百一十条
    sampling:
      - {grade: A, ratio: 3, per_year: 1}
    contact: 张三
    note: |-
      第一行
      第二行

  - code: SCJG-JC-002
    name: 网络餐饮服务食品安全网络检查
    item: SCJG-SX-001
    category: 日常检查
    methods: [网络检查]
    objects: 网络餐饮服务提供者
    basis: 《中华人民共和国食品安全法》第一百一十条

# 文件末尾的注释
`;

describe('fmt', () => {
  it('writes the canonical layout and keeps every comment', () => {
    expect(formatListText(MESSY, kinds)).toBe(CANONICAL);
    expect(parse(CANONICAL)).toEqual(parse(MESSY));
  });

  it('is idempotent, here and on every list file of the repository', () => {
    expect(formatListText(CANONICAL, kinds)).toBe(CANONICAL);
    const { kinds: repoKinds } = loadConfig(findConfig(['lists'], process.cwd()), process.cwd());
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.yaml') && name !== 'qingdan.config.yaml') files.push(full);
      }
    };
    walk('lists');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const once = formatListText(text, repoKinds);
      expect(once, file).toBeDefined();
      expect(formatListText(once!, repoKinds), file).toBe(once);
      expect(parse(once!), file).toEqual(parse(text));
      expect(once!.match(/#/g)?.length ?? 0, file).toBe(text.match(/#/g)?.length ?? 0);
    }
  });

  it('--check exits 1 and lists the files to format, fmt formats them, then --check exits 0 (CLI)', async () => {
    const root = writeTree({ 'lists/market/inspections.yaml': MESSY, 'lists/market/ok.yaml': CANONICAL });
    const check = await run(['fmt', '--check'], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe('需要格式化 lists/market/inspections.yaml\n');
    expect(readFileSync(join(root, 'lists/market/inspections.yaml'), 'utf8')).toBe(MESSY);

    const fmt = await run(['fmt'], root);
    expect(fmt.code).toBe(0);
    expect(fmt.stdout).toBe('已格式化 lists/market/inspections.yaml\n');
    expect(readFileSync(join(root, 'lists/market/inspections.yaml'), 'utf8')).toBe(CANONICAL);

    const again = await run(['fmt', '--check', 'lists'], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('全部 2 个文件格式正确');
  });

  it('normalises a BOM and CRLF line ends', async () => {
    const root = writeTree({ 'a.yaml': '\ufeff' + CANONICAL.replace(/\n/g, '\r\n') });
    expect((await run(['fmt', '--check', 'a.yaml'], root)).code).toBe(1);
    await run(['fmt', 'a.yaml'], root);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe(CANONICAL);
  });

  it('never touches a file that does not parse, and says why', async () => {
    const broken = 'kind: inspections\nentries:\n  - code: "SCJG-JC-001\n    name:   x\n';
    const duplicate = 'kind: items\nentries:\n  - code: A\n    code: B\n';
    const root = writeTree({ 'lists/broken.yaml': broken, 'lists/dup.yaml': duplicate, 'lists/fine.yaml': MESSY });
    const r = await run(['fmt'], root);
    expect(r.code).toBe(1);
    expect(readFileSync(join(root, 'lists/broken.yaml'), 'utf8')).toBe(broken);
    expect(readFileSync(join(root, 'lists/dup.yaml'), 'utf8')).toBe(duplicate);
    expect(readFileSync(join(root, 'lists/fine.yaml'), 'utf8')).toBe(CANONICAL);
    expect(r.stderr).toContain('lists/broken.yaml:');
    expect(r.stderr).toContain('重复的键“code”');
    expect((await run(['fmt', '--check', 'lists/dup.yaml'], root)).code).toBe(1);
  });

  it('formats a list of an unknown kind without reordering its keys', () => {
    const text = 'kind: custom\nentries:\n  - b: "1x"\n    a: 2\n';
    expect(formatListText(text, kinds)).toBe('kind: custom\nentries:\n  - b: 1x\n    a: 2\n');
  });

  it('exits 2 for a path that does not exist', async () => {
    const root = writeTree({});
    writeFileSync(join(root, 'x.txt'), '');
    expect((await run(['fmt', 'nope'], root)).code).toBe(2);
  });
});
