/**
 * approval-mismatch: an item that follows from an approval (审批, 备案,
 * 告知承诺) but is supervised by another department than the one that
 * approves (谁审批、谁监管), unless approval.basis cites the law that says
 * otherwise; or at another level than the approval's (层级对应: 审批层级调整的，
 * 监管层级同步调整).
 */
import { foldKey } from '../core/text.js';
import type { Catalog } from '../link/index.js';
import type { Rule } from './types.js';

const APPROVAL_TYPES_EN: Record<string, string> = { 审批: 'approval', 备案: 'filing (备案)', 告知承诺: 'approval by notification and commitment (告知承诺)' };
const LEVELS_EN: Record<string, string> = { 国家级: 'national', 市级: 'municipal', 区级: 'district', '乡镇（街道）级': 'township' };

export const rule: Rule = {
  meta: {
    id: 'approval-mismatch',
    category: 'responsibility',
    description: {
      zh: '监管部门或层级与对应审批不一致（谁审批、谁监管；层级对应）',
      en: 'An item supervised by another department or at another level than its approval',
    },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      department: {
        zh: '监管事项“{name}”由{department}监管，但对应的{type}由{approver}实施。按“谁审批、谁监管”应由{approver}监管；法律法规另有规定的，请在 approval.basis 中写明依据。',
        en: 'Item "{name}" is supervised by {department}, but its {type_en} is granted by {approver}. The approving department supervises (谁审批、谁监管) unless a law provides otherwise; cite it in approval.basis.',
      },
      level: {
        zh: '监管事项“{name}”的实施层级为{level}，但对应的{type}在{approval_level}实施；监管层级应与审批层级对应。',
        en: 'Item "{name}" is implemented at {level_en} level, but its {type_en} is at {approval_level_en} level; the supervision level follows the approval level.',
      },
      approver: { zh: '对应审批的实施部门', en: 'the approving department' },
      'approval-level': { zh: '对应审批的层级', en: 'the approval level' },
    },
  },
  check({ catalog, report }) {
    for (const entry of catalog.valid('items')) {
      const type = entry.getString('approval.type');
      if (type === undefined || !Object.hasOwn(APPROVAL_TYPES_EN, type)) continue;
      const name = entry.getString('name') ?? entry.label;
      const common = { name, type, type_en: APPROVAL_TYPES_EN[type] };

      const department = entry.getString('department') ?? '';
      const approver = entry.getString('approval.department') ?? '';
      const basis = entry.getString('approval.basis') ?? '';
      if (foldKey(department) !== '' && foldKey(approver) !== '' && foldKey(basis) === '' && !catalog.sameDepartment(department, approver)) {
        report({
          entry,
          field: ['department'],
          messageId: 'department',
          data: { ...common, department: canonical(catalog, department), approver: canonical(catalog, approver) },
          related: [{ entry, field: ['approval', 'department'], messageId: 'approver' }],
        });
      }

      const level = entry.getString('level');
      const approvalLevel = entry.getString('approval.level');
      if (level !== undefined && approvalLevel !== undefined && level !== approvalLevel) {
        report({
          entry,
          field: ['level'],
          messageId: 'level',
          data: { ...common, level, level_en: LEVELS_EN[level] ?? level, approval_level: approvalLevel, approval_level_en: LEVELS_EN[approvalLevel] ?? approvalLevel },
          related: [{ entry, field: ['approval', 'level'], messageId: 'approval-level' }],
        });
      }
    }
  },
};


function canonical(catalog: Catalog, name: string): string {
  return catalog.departments.resolve(name)?.canonical ?? name;
}
