/**
 * Every rule, sorted by id. A new rule is src/rules/<id>.ts, a line here,
 * test/rules/<id>.test.ts and docs/rules/<id>.md (test/rules/meta.test.ts
 * keeps the four in step).
 */
import type { Rule } from './types.js';
import { rule as approvalMismatch } from './approval-mismatch.js';
import { rule as articleOutOfRange } from './article-out-of-range.js';
import { rule as codePattern } from './code-pattern.js';
import { rule as commitmentCheck } from './commitment-check.js';
import { rule as duplicateCode } from './duplicate-code.js';
import { rule as duplicateEntry } from './duplicate-entry.js';
import { rule as jointInspection } from './joint-inspection.js';
import { rule as keyFullCoverage } from './key-full-coverage.js';
import { rule as keySupervisionCap } from './key-supervision-cap.js';
import { rule as keyTraceability } from './key-traceability.js';
import { rule as lawNotInForce } from './law-not-in-force.js';
import { rule as leniencyConflict } from './leniency-conflict.js';
import { rule as leniencyGround } from './leniency-ground.js';
import { rule as leniencyKeyItem } from './leniency-key-item.js';
import { rule as leniencyPenaltyItem } from './leniency-penalty-item.js';
import { rule as leniencyValidity } from './leniency-validity.js';
import { rule as mixedPunctuation } from './mixed-punctuation.js';
import { rule as multiHead } from './multi-head.js';
import { rule as nearDuplicate } from './near-duplicate.js';
import { rule as nonCanonicalDepartment } from './non-canonical-department.js';
import { rule as randomInspection } from './random-inspection.js';
import { rule as renumberedArticle } from './renumbered-article.js';
import { rule as samplingByCredit } from './sampling-by-credit.js';
import { rule as sequence } from './sequence.js';
import { rule as strayWhitespace } from './stray-whitespace.js';
import { rule as supervisionVacuum } from './supervision-vacuum.js';
import { rule as termDefinition } from './term-definition.js';
import { rule as unknownDepartment } from './unknown-department.js';
import { rule as unknownItem } from './unknown-item.js';
import { rule as unknownLaw } from './unknown-law.js';
import { rule as variantCharacter } from './variant-character.js';

export const rules: readonly Rule[] = [
  approvalMismatch,
  articleOutOfRange,
  codePattern,
  commitmentCheck,
  duplicateCode,
  duplicateEntry,
  jointInspection,
  keyFullCoverage,
  keySupervisionCap,
  keyTraceability,
  lawNotInForce,
  leniencyConflict,
  leniencyGround,
  leniencyKeyItem,
  leniencyPenaltyItem,
  leniencyValidity,
  mixedPunctuation,
  multiHead,
  nearDuplicate,
  nonCanonicalDepartment,
  randomInspection,
  renumberedArticle,
  samplingByCredit,
  sequence,
  strayWhitespace,
  supervisionVacuum,
  termDefinition,
  unknownDepartment,
  unknownItem,
  unknownLaw,
  variantCharacter,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}

export type { Rule, RuleMeta, RuleContext, Report, SharedValue } from './types.js';
