/**
 * The overview's figures, computed from the plan and the findings: entries per
 * department and kind, inspection checklists per supervision item, 双随机
 * among routine inspections, full coverage of key supervision, findings per
 * rule. Each comes as a chart and as a table of the same numbers.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Entry } from '../../core/entry.js';
import { barChart, formatShare, type BarInput } from './charts.js';
import { href } from './paths.js';
import type { SitePlan } from './plan.js';

export const ROUTINE_INSPECTION = '日常检查';
const UNASSIGNED = '（未识别部门）';
const SEVERITIES = ['error', 'warning', 'info'] as const;

interface ShareRow {
  label: string;
  href?: string;
  part: number;
  whole: number;
  share: string;
}

function shareRow(label: string, part: number, whole: number, link?: string): ShareRow {
  return { label, ...(link ? { href: link } : {}), part, whole, share: formatShare(part, whole) };
}

function shareBars(rows: readonly ShareRow[]): BarInput[] {
  return rows.map((r) => ({
    label: r.label,
    segments: [{ value: r.whole === 0 ? 0 : (r.part / r.whole) * 100, series: 0, text: `${r.share}（${r.part}/${r.whole}）` }],
    valueText: r.share,
  }));
}

export function overviewFigures(plan: SitePlan, diagnostics: readonly Diagnostic[], root: string) {
  const catalog = plan.catalog;
  const departmentLink = (i: number) => href(root, plan.departments[i]!.file(1));
  const departmentsOf = (entry: Entry): readonly number[] => plan.places.get(entry)?.departmentIndexes ?? [];
  // The items an entry names: kept by the plan, which read every entry's references once.
  const itemsNamed = (entry: Entry): readonly string[] =>
    plan.itemReferences.get(entry) ?? catalog.references(entry).flatMap((r) => (r.definition.to === 'items' ? [r.value] : []));

  // Entries per department and kind (responsible department).
  const counted = plan.kinds.filter((k) => k.kind.references.some((r) => r.to === 'departments'));
  const perDepartment = plan.departments.map(() => counted.map(() => 0));
  counted.forEach((k, j) => {
    for (const entry of k.entries) for (const d of departmentsOf(entry)) perDepartment[d]![j]!++;
  });
  const departmentRows = plan.departments
    .map((d, i) => ({ label: d.shortName, href: departmentLink(i), counts: perDepartment[i]!, total: perDepartment[i]!.reduce((a, b) => a + b, 0) }))
    .filter((r) => r.total > 0);
  const unassigned = counted.map((k) => plan.unassigned.get(k.kind.name) ?? 0);
  if (unassigned.some((n) => n > 0)) departmentRows.push({ label: UNASSIGNED, href: '', counts: unassigned, total: unassigned.reduce((a, b) => a + b, 0) });
  const entriesChart = barChart(
    departmentRows.map((r) => ({ label: r.label, segments: r.counts.map((value, series) => ({ value, series })) })),
    {
      id: 'fig-entries',
      title: '各部门清单条目数',
      description: `${departmentRows.length} 个部门的条目数，按清单分色。`,
      series: counted.map((k) => k.kind.title),
    },
  );

  // Inspections by the item they implement.
  const inspectionsOf = new Map<Entry, Entry[]>();
  for (const inspection of catalog.entries('inspections')) {
    for (const name of itemsNamed(inspection)) {
      const item = catalog.get('items', name);
      if (!item) continue;
      const list = inspectionsOf.get(item);
      if (list) list.push(inspection);
      else inspectionsOf.set(item, [inspection]);
    }
  }

  // Supervision items with an inspection checklist, overall and per department.
  const items = catalog.entries('items');
  const itemShare = (subset: readonly Entry[], label: string, link?: string) =>
    shareRow(label, subset.filter((e) => inspectionsOf.has(e)).length, subset.length, link);
  const byDepartment = <T>(entries: readonly Entry[], make: (subset: Entry[], label: string, link: string) => T): T[] => {
    const groups = plan.departments.map(() => [] as Entry[]);
    for (const e of entries) for (const d of departmentsOf(e)) groups[d]!.push(e);
    return groups.flatMap((g, i) => (g.length > 0 ? [make(g, plan.departments[i]!.shortName, departmentLink(i))] : []));
  };
  const checklistRows = items.length > 0 ? [itemShare(items, '全部'), ...byDepartment(items, itemShare)] : [];
  const inspectionItems = items.filter((e) => e.get('action') === '行政检查');
  const checklistOfInspectionItems = inspectionItems.length > 0 ? itemShare(inspectionItems, '行政检查类事项') : undefined;

  // Routine inspections under 双随机、一公开.
  const routine = catalog.entries('inspections').filter((e) => e.get('category') === ROUTINE_INSPECTION);
  const randomShare = (subset: readonly Entry[], label: string, link?: string) => shareRow(label, subset.filter((e) => e.get('random') === true).length, subset.length, link);
  const randomRows = routine.length > 0 ? [randomShare(routine, '全部'), ...byDepartment(routine, randomShare)] : [];

  // Key supervision: items listed as key with a full-coverage inspection, by field.
  const keyKind = plan.kindPlan('key-supervision');
  const fieldName = keyKind?.categoryField;
  const keyItems = new Map<string, Set<Entry>>();
  const allKeyItems = new Set<Entry>();
  for (const entry of catalog.entries('key-supervision')) {
    const field = fieldName ? String(entry.get(fieldName) ?? '') || '（未分领域）' : '全部';
    for (const name of itemsNamed(entry)) {
      const item = catalog.get('items', name);
      if (!item) continue;
      if (!keyItems.has(field)) keyItems.set(field, new Set());
      keyItems.get(field)!.add(item);
      allKeyItems.add(item);
    }
  }
  const covered = (item: Entry) => (inspectionsOf.get(item) ?? []).some((i) => i.get('full_coverage') === true);
  const coverageShare = (subset: Iterable<Entry>, label: string) => {
    const list = [...subset];
    return shareRow(label, list.filter(covered).length, list.length);
  };
  const coverageRows = allKeyItems.size > 0 ? [coverageShare(allKeyItems, '全部'), ...[...keyItems].map(([field, set]) => coverageShare(set, field))] : [];

  // Findings per rule, waived apart.
  const findings = new Map<string, { error: number; warning: number; info: number; waived: number }>();
  for (const d of diagnostics) {
    const row = findings.get(d.ruleId) ?? { error: 0, warning: 0, info: 0, waived: 0 };
    if (d.waived) row.waived++;
    else row[d.severity]++;
    findings.set(d.ruleId, row);
  }
  const findingRows = [...findings]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, c]) => ({ rule, ...c, total: c.error + c.warning + c.info + c.waived }));
  const findingsChart = barChart(
    findingRows.map((r) => ({
      label: r.rule,
      segments: [...SEVERITIES.map((s, series) => ({ value: r[s], series })), { value: r.waived, series: 3 }],
    })),
    { id: 'fig-findings', title: '各规则的检查结论数', description: `${findingRows.length} 条规则有结论，按级别分色，已豁免的单列。`, series: ['错误', '警告', '提示', '已豁免'] },
  );

  return {
    totals: plan.kinds.map((k) => ({ title: k.kind.title, count: k.entries.length, href: href(root, k.file(1)) })),
    entries: { chart: entriesChart, kinds: counted.map((k) => k.kind.title), rows: departmentRows },
    checklists: {
      chart: barChart(shareBars(checklistRows), {
        id: 'fig-checklists',
        title: '有检查实施清单的监管事项占比',
        description: checklistRows[0] ? `全部监管事项中 ${checklistRows[0].share} 有检查实施清单。` : '本版没有监管事项。',
        series: ['占比'],
        percent: true,
      }),
      rows: checklistRows,
      inspectionItems: checklistOfInspectionItems,
    },
    random: {
      chart: barChart(shareBars(randomRows), {
        id: 'fig-random',
        title: '日常检查中“双随机、一公开”的占比',
        description: randomRows[0] ? `全部日常检查中 ${randomRows[0].share} 通过“双随机、一公开”抽查。` : '本版没有日常检查。',
        series: ['占比'],
        percent: true,
      }),
      rows: randomRows,
    },
    coverage: {
      chart: barChart(shareBars(coverageRows), {
        id: 'fig-coverage',
        title: '重点监管事项的全覆盖检查占比',
        description: coverageRows[0] ? `重点监管事项中 ${coverageRows[0].share} 有全覆盖检查。` : '本版没有重点监管事项。',
        series: ['占比'],
        percent: true,
      }),
      rows: coverageRows,
    },
    findings: { chart: findingsChart, rows: findingRows },
  };
}

export type OverviewFigures = ReturnType<typeof overviewFigures>;
