/** Configuration: its own schema, custom kinds with no code change, code patterns, rule severities. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brief, catalogOf, DEPARTMENTS, writeTree } from '../helpers/tree.js';
import { runCli } from '../helpers/cli.js';
import { checkCatalog } from '../../src/check/index.js';

const TASKS_KIND = `kinds:
  - name: tasks
    title: 加强和规范事中事后监管工作任务分工
    sequence: seq
    references:
      - { field: departments, to: departments, form: text }
    layout:
      columns:
        - { field: seq, width: 8 }
        - { field: task, width: 20, merge: true, group: 任务 }
        - { field: content, width: 80, group: 任务 }
        - { field: departments, width: 30 }
    schema:
      type: object
      additionalProperties: false
      required: [seq, content, departments]
      properties:
        seq: { title: 序号, type: integer, minimum: 1 }
        task: { title: 工作任务, type: string }
        content: { title: 主要内容, type: string }
        departments: { title: 区级单位, type: string }
`;

describe('a custom kind from the configuration', () => {
  it('is loaded, validated, linked and checked like a built-in one', () => {
    const catalog = catalogOf({
      'qingdan.config.yaml': TASKS_KIND,
      'departments.yaml': DEPARTMENTS,
      'tasks.yaml': `kind: tasks\nentries:\n  - seq: 1\n    task: 夯实监管责任\n    content: 明确监管职责\n    departments: 区市场监管局牵头，各相关单位依职责负责\n  - seq: 两\n    content: 厘清监管事权\n    departments: 各相关单位依职责负责\n`,
    });
    const kind = catalog.kinds.get('tasks')!;
    expect(kind.builtin).toBe(false);
    expect(kind.columns.map((c) => c.header)).toEqual(['序号', '工作任务', '主要内容', '区级单位']);
    expect(kind.entrySchema.properties!.waivers).toBeDefined();
    expect(catalog.entries('tasks')).toHaveLength(2);
    expect(brief(catalog.diagnostics)).toEqual(['schema/type tasks.yaml:7:10']);
    const refs = catalog.references(catalog.entries('tasks')[0]!);
    expect(refs.map((r) => r.value)).toEqual(['区市场监管局']);
    expect(catalog.departments.resolve(refs[0]!.value)?.entry.data.id).toBe('market');
  });

  it('is rejected with a clear message when its definition is wrong, and the run exits 2', async () => {
    const root = writeTree({
      'lists/qingdan.config.yaml': 'kinds:\n  - name: Tasks\n    title: 任务\n    layout: { columns: [] }\n    schema: { type: object, properties: {} }\n',
      'lists/departments.yaml': DEPARTMENTS,
    });
    const result = await runCli(['validate'], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('lists/qingdan.config.yaml:2:11');
    expect(result.stdout).toContain('配置无效：“name”的值“Tasks”格式不符');
    expect(result.stdout).toContain('位置 /kinds/0/name');
  });

  it('is rejected when its schema is not a valid JSON Schema (checked against the meta-schema)', async () => {
    const root = writeTree({
      'lists/qingdan.config.yaml': 'kinds:\n  - name: tasks\n    title: 任务\n    layout: { columns: [{ field: a }] }\n    schema: { type: object, properties: { a: { type: strnig, minLength: -1 } } }\n',
      'lists/departments.yaml': DEPARTMENTS,
    });
    const result = await runCli(['validate', '--lang', 'en'], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('lists/qingdan.config.yaml:2:5');
    expect(result.stdout).toContain('Custom kind "tasks" is invalid: schema is invalid');
    expect(result.stdout).toContain('data/properties/a/type');
    expect(result.stdout).toContain('data/properties/a/minLength');
    // Built, the meta-schema is checked by a precompiled validator first: the same message.
    const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/qingdan.js', import.meta.url)), 'validate', '--lang', 'en'], { cwd: root, encoding: 'utf8' });
    expect(built.status).toBe(2);
    expect(built.stdout).toBe(result.stdout);
  });

  it('cannot redefine a built-in kind', async () => {
    const root = writeTree({
      'lists/qingdan.config.yaml': 'kinds:\n  - name: items\n    title: 事项\n    layout: { columns: [{ field: a }] }\n    schema: { type: object, properties: { a: { type: string } } }\n',
      'lists/departments.yaml': DEPARTMENTS,
    });
    const result = await runCli(['validate', '--lang', 'en'], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Kind "items" already exists');
  });
});

describe('configuration schema', () => {
  it('reports an unknown key and a bad value at their lines', async () => {
    const root = writeTree({
      'lists/qingdan.config.yaml': 'edition:\n  date: 2026-13-01\nrulez: {}\n',
      'lists/departments.yaml': DEPARTMENTS,
    });
    const result = await runCli(['validate', '--format', 'json'], root);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number }[] };
    // The bad date at its value, the unknown key at the key itself (with the closest setting).
    const config = report.diagnostics.filter((d) => d.ruleId === 'config');
    expect(config.map((d) => d.line).sort()).toEqual([2, 3]);
    expect((config as unknown as { message: string }[]).find((d) => d.message.includes('rulez'))?.message).toContain('是否为“rules”');
  });

  it('overrides a code pattern and a rule severity', () => {
    const items = `kind: items\nentries:\n  - code: SCJG-SX-001\n    main_name: 食品经营监督\n    name: 对食品经营者的监督检查\n    action: 行政处罚\n    basis: 《中华人民共和国食品安全法》第一百二十二条\n    level: 区级\n    department: 区卫健委\n`;
    const configured = catalogOf({
      'qingdan.config.yaml': "codes:\n  items: '^[A-Z]+-SX-\\d{3}$'\nrules:\n  unknown-department: off\n",
      'departments.yaml': DEPARTMENTS,
      'items.yaml': items.replace('区卫健委', '区域指中心'),
    });
    expect(configured.kinds.get('items')!.codePattern).toBe('^[A-Z]+-SX-\\d{3}$');
    expect(checkCatalog(configured).filter((d) => d.ruleId === 'unknown-department')).toEqual([]);
    const defaults = catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': items.replace('区卫健委', '区域指中心') });
    expect(defaults.kinds.get('items')!.codePattern).toBe('^\\d{14}$');
    expect(checkCatalog(defaults).filter((d) => d.ruleId === 'unknown-department')).toHaveLength(1);
  });
});

describe('a configuration with a mistake', () => {
  const TASKS = `kind: tasks\nentries:\n  - seq: 1\n    content: 明确监管职责\n    departments: 区市场监管局\n`;
  it('fails on it, and keeps the rest in force: one slip, one message', () => {
    const catalog = catalogOf({
      'qingdan.config.yaml': `${TASKS_KIND}key_supervision_cap: 0\nedition:\n  title: 测试清单\n`,
      'departments.yaml': DEPARTMENTS,
      'tasks.yaml': TASKS,
    });
    expect(brief(catalog.diagnostics)).toEqual(['config/schema qingdan.config.yaml:22:22']);
    // The custom kind and the edition stand; the setting in error takes its default.
    expect(catalog.kinds.get('tasks')).toBeDefined();
    expect(catalog.config.edition.title).toBe('测试清单');
    expect(catalog.config.key_supervision_cap).toBe(catalogOf({ 'departments.yaml': DEPARTMENTS }).config.key_supervision_cap);
  });
  it('leaves out one kind definition in error, not the others', () => {
    const broken = TASKS_KIND.replace('kinds:\n', 'kinds:\n  - name: broken\n    title: 坏的\n');
    const catalog = catalogOf({ 'qingdan.config.yaml': broken, 'departments.yaml': DEPARTMENTS, 'tasks.yaml': TASKS });
    // The broken definition's own errors (it has no layout and no schema), nothing from the lists.
    expect(catalog.diagnostics.length).toBeGreaterThan(0);
    expect(catalog.diagnostics.every((d) => d.ruleId === 'config' && d.location?.pointer.startsWith('/kinds/0'))).toBe(true);
    expect(catalog.kinds.get('tasks')).toBeDefined();
    expect(catalog.kinds.get('broken')).toBeUndefined();
  });
});
