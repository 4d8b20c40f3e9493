/**
 * Every rule, sorted by id. A new rule is src/rules/<id>.ts, a line here,
 * test/rules/<id>.test.ts and docs/rules/<id>.md (test/rules/meta.test.ts
 * keeps the four in step).
 */
import type { Rule } from './types.js';
import { rule as duplicateCode } from './duplicate-code.js';
import { rule as unknownDepartment } from './unknown-department.js';

export const rules: readonly Rule[] = [duplicateCode, unknownDepartment];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}

export type { Rule, RuleMeta, RuleContext, Report } from './types.js';
