/**
 * Which column holds which field: headers are compared after folding width,
 * case, spaces and punctuation, against (in this order of precedence) the
 * configured mapping (`import: { <kind>: { <header>: <field> } }`), the
 * kind's layout headers, its schema titles, the titles inside object fields
 * (`approval.type` ← 审批方式), and the variants found in published lists.
 */
import { foldKey } from '../core/text.js';
import type { JsonSchemaObject } from '../kinds/index.js';
import type { Kind } from '../kinds/registry.js';
import { WAIVERS_PROPERTY } from '../kinds/registry.js';

/**
 * Headers that name the same thing in published lists. A group applies to a
 * kind when one of its headers is the title or layout header of a field.
 */
const VARIANTS: readonly (readonly string[])[] = [
  ['检查依据', '抽查依据', '执法依据', '检查依据（法律法规）'],
  ['设定依据', '设定依据（法律法规）', '法律法规依据'],
  ['实施部门', '实施主体', '检查主体', '抽查主体', '实施机构', '执法主体', '实施单位', '执法部门'],
  ['责任部门', '责任单位', '监管部门'],
  ['检查对象', '抽查对象', '监管对象', '重点监管对象', '检查对象范围'],
  ['检查事项名称', '事项名称', '检查事项', '抽查事项', '抽查事项名称'],
  ['子项名称', '事项名称', '子项'],
  ['主项名称', '主项', '监管事项主项名称'],
  ['子项编码', '事项编码', '监管事项编码（子项）'],
  ['违法行为', '违法行为表现', '违法行为名称', '轻微违法行为'],
  ['违反条款', '违法依据', '违反的法律条款'],
  ['处罚依据', '处罚条款', '处罚依据条款'],
  ['类别', '抽查类别', '检查类别', '检查形式'],
  ['检查方式', '抽查方式', '检查方法'],
  ['检查内容', '抽查内容', '检查要点', '检查内容及要点', '检查内容和要点'],
  ['抽查比例和频次', '抽查比例及频次', '抽查比例', '抽查频次'],
  ['双随机、一公开', '是否双随机', '是否纳入双随机', '双随机'],
  ['联合检查部门', '联合抽查部门', '配合部门'],
  ['处理方式', '处理措施', '处置方式'],
  ['适用条件', '适用情形', '情节', '不予处罚的情节', '从轻减轻处罚的情节'],
  ['纠错措施', '纠正措施', '纠错方式'],
  ['法律依据', '不予处罚依据', '从轻减轻处罚依据'],
  ['编号', '编码', '清单编码'],
  ['实施层级', '层级', '行使层级'],
  ['监管行为', '监管行为类型'],
  ['重点领域', '领域'],
  ['全覆盖监管措施', '监管措施'],
  ['追溯措施', '追溯方式'],
  ['纳入理由', '纳入重点监管理由', '理由'],
  ['部门全称', '部门名称', '单位名称'],
  ['名称', '法规名称', '法律法规名称'],
  ['施行日期', '实施日期', '生效日期'],
  ['备注', '说明'],
];

/** Columns that carry no data of their own. */
const IGNORED = new Set(['序号'].map(foldKey));

/** Fold a header for comparison; "（必填）" and "*" marks of templates drop out too. */
export function foldHeader(text: string): string {
  return foldKey(text).replace(/必填|选填/g, '');
}

export type HeaderMatch = { field: string } | { ignored: true } | undefined;

export class HeaderMatcher {
  private readonly byHeader = new Map<string, string>();

  /** @param mapping header → dotted field path, from the configuration. */
  constructor(readonly kind: Kind, mapping: Readonly<Record<string, string>> = {}) {
    const add = (header: string, field: string) => {
      const key = foldHeader(header);
      if (key !== '' && !this.byHeader.has(key)) this.byHeader.set(key, field);
    };
    for (const [header, field] of Object.entries(mapping)) add(header, field);
    for (const c of kind.columns) add(c.header, c.field);
    const fields = importableFields(kind);
    for (const f of fields) add(kind.fieldTitle(f), f);
    for (const f of fields) {
      const own = new Set([kind.fieldTitle(f), ...kind.columns.filter((c) => c.field === f).map((c) => c.header)].map(foldHeader));
      for (const group of VARIANTS) {
        if (group.some((h) => own.has(foldHeader(h)))) for (const h of group) add(h, f);
      }
    }
  }

  match(header: string): HeaderMatch {
    const key = foldHeader(header);
    if (key === '') return undefined;
    const field = this.byHeader.get(key);
    if (field) return { field };
    return IGNORED.has(key) ? { ignored: true } : undefined;
  }
}

/**
 * The fields a column can fill: the entry's top-level fields, and the fields of
 * its object fields by dotted path (one cell each). Arrays of objects are one
 * cell (a line per object).
 */
export function importableFields(kind: Kind): string[] {
  const out: string[] = [];
  for (const [name, schema] of Object.entries(kind.entrySchema.properties ?? {})) {
    if (name === WAIVERS_PROPERTY) continue;
    if (isObjectSchema(schema)) {
      for (const sub of Object.keys(schema.properties ?? {})) out.push(`${name}.${sub}`);
    } else out.push(name);
  }
  return out;
}

function isObjectSchema(schema: JsonSchemaObject | undefined): boolean {
  return schema?.type === 'object' || (schema?.type === undefined && schema?.properties !== undefined);
}
