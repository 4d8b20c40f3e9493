/**
 * joint-inspection: routine inspections (日常检查) of different departments on
 * the same targets, with overlapping contents or in the same item domain,
 * that should become one cross-department joint inspection (联合抽查, 方案
 * 二(三)3: 针对同一检查对象的多个检查事项，尽可能合并或者纳入跨部门联合抽查范围),
 * unless each already lists the other in joint_departments.
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Catalog } from '../link/index.js';
import type { Rule } from './types.js';
import { readsOf } from './_reads.js';

/** At most this many other inspections are named per finding. */
const MAX_RELATED = 20;

/** The field every finding and related entry points at (one path for all: they are many). */
const OBJECTS = ['objects'] as const;

/** Most inspections list no joint departments: one empty set for them all. */
const NO_JOINT: ReadonlySet<string> = new Set();

/** The inspections that share an overlap key, by department. */
type OverlapGroup = Map<string, Inspection[]>;

interface Inspection {
  entry: Entry;
  /** Its place among the routine inspections. */
  position: number;
  department: string;
  /** Departments it already inspects jointly with. */
  joint: ReadonlySet<string>;
  /**
   * The groups of its overlap keys (folded targets, then what makes two
   * inspections overlap: a content or the item domain). A million entries
   * have millions of keys but few distinct ones: the groups are held, not the keys.
   */
  groups: OverlapGroup[];
}

export const rule: Rule = {
  meta: {
    id: 'joint-inspection',
    category: 'methods',
    description: {
      zh: '不同部门对同一对象的重叠日常检查，宜纳入跨部门联合抽查',
      en: 'Overlapping routine inspections of the same targets by different departments, to be merged into a joint inspection',
    },
    defaultSeverity: 'info',
    scope: {
      reads: readsOf({
        inspections: ['category', 'objects', 'department', 'joint_departments', 'contents', 'item'],
        items: ['main_name'],
      }),
    },
    messages: {
      overlap: {
        zh: '日常检查“{name}”与{departments}对同一检查对象“{objects}”的日常检查重叠，宜合并为跨部门联合抽查，或在 joint_departments 中互相列明。',
        en: 'Routine inspection "{name}" overlaps with routine inspections by {departments_en} of the same targets "{objects}"; merge them into one cross-department joint inspection, or list each other in joint_departments.',
      },
      other: { zh: '{department}的检查“{name}”', en: 'inspection "{name}" of {department}' },
    },
  },
  check({ catalog, report }) {
    const inspections: Inspection[] = [];
    /** How each department is shown: its short name, or the name as written when the registry does not know it. */
    const departmentNames = new Map<string, string>();
    // overlap key → department → inspections, in the order of the inspections.
    const index = new Map<string, OverlapGroup>();
    for (const entry of catalog.valid('inspections')) {
      if (entry.get('category') !== '日常检查') continue;
      const objects = foldKey(entry.getString('objects') ?? '');
      const department = catalog.departmentKey(entry.getString('department'));
      if (objects === '' || department === undefined) continue;
      const contents = entry.get('contents');
      const overlaps = new Set<string>();
      const domain = itemDomain(catalog, entry.getString('item') ?? '');
      if (domain !== undefined) overlaps.add(`domain:${domain}`);
      if (Array.isArray(contents)) for (const c of contents) if (typeof c === 'string' && foldKey(c) !== '') overlaps.add(`content:${foldKey(c)}`);
      const inspection: Inspection = { entry, position: inspections.length, department, joint: jointDepartments(catalog, entry), groups: [] };
      for (const overlap of overlaps) {
        const key = `${objects}\u0001${overlap}`;
        let group = index.get(key);
        if (!group) index.set(key, (group = new Map()));
        const list = group.get(department);
        if (list) list.push(inspection);
        else group.set(department, [inspection]);
        inspection.groups.push(group);
      }
      inspections.push(inspection);
      if (!departmentNames.has(department)) departmentNames.set(department, departmentName(catalog, entry));
    }

    for (const inspection of inspections) {
      const others = new Set<Inspection>();
      /** Each other department, by the position of its first overlapping inspection. */
      const departments = new Map<string, number>();
      for (const group of inspection.groups) {
        for (const [department, list] of group) {
          if (department === inspection.department) continue;
          for (const other of list) {
            if (inspection.joint.has(other.department) && other.joint.has(inspection.department)) continue;
            departments.set(department, Math.min(departments.get(department) ?? Infinity, other.position));
            // Every department is named; the inspections themselves only up to the cap.
            if (others.size >= MAX_RELATED) break;
            others.add(other);
          }
        }
      }
      if (others.size === 0) continue;
      const sorted = [...others].sort((a, b) => a.position - b.position);
      const names = [...departments].sort((a, b) => a[1] - b[1]).map(([d]) => departmentNames.get(d)!);
      report({
        entry: inspection.entry,
        field: OBJECTS,
        messageId: 'overlap',
        data: {
          name: inspection.entry.label,
          objects: inspection.entry.getString('objects'),
          departments: names.join('、'),
          departments_en: names.join(', '),
        },
        labels: { name: inspection.entry },
        related: sorted.map((o) => ({
          entry: o.entry,
          field: OBJECTS,
          messageId: 'other',
          data: { department: departmentName(catalog, o.entry), name: o.entry.label },
          labels: { name: o.entry },
        })),
      });
    }
  },
};


/** The departments the inspection lists in joint_departments, as department keys. */
function jointDepartments(catalog: Catalog, entry: Entry): ReadonlySet<string> {
  const listed = entry.get('joint_departments');
  if (!Array.isArray(listed)) return NO_JOINT;
  const joint = new Set<string>();
  for (const name of listed) {
    const key = catalog.departmentKey(name);
    if (key !== undefined) joint.add(key);
  }
  return joint;
}

function departmentName(catalog: Catalog, entry: Entry): string {
  const name = entry.getString('department') ?? '';
  return catalog.departments.resolve(name)?.canonical ?? name;
}

/** The field of supervision an item belongs to: its main item (主项名称) when the item is known, else the item itself. */
function itemDomain(catalog: Catalog, code: string): string | undefined {
  const main = foldKey(catalog.get('items', code)?.getString('main_name') ?? '');
  if (main !== '') return `main:${main}`;
  return code.trim() !== '' ? `item:${code.trim()}` : undefined;
}
