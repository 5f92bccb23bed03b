import type { CohortKind, CohortRule } from '@verdict/shared';
import { FieldProblem, InvalidFieldError } from '../common/domain-error';
import { parseRfc3339 } from '../common/rfc3339';

/** Checks what a DTO cannot: each rule's value fits its op, and the cohort defines someone. */
export function checkCohort(kind: CohortKind, rules: CohortRule[], members: string[]): void {
  const problems: FieldProblem[] = [];
  rules.forEach((rule, i) => {
    const field = `rules[${i}].value`;
    if (rule.op === 'in' || rule.op === 'nin') {
      if (!Array.isArray(rule.value) || rule.value.length === 0) {
        problems.push({ field, reason: `must be a non-empty array for op ${rule.op}` });
      }
    } else if (['gt', 'gte', 'lt', 'lte'].includes(rule.op)) {
      const ok =
        (typeof rule.value === 'number' && Number.isFinite(rule.value)) ||
        (typeof rule.value === 'string' && parseRfc3339(rule.value) !== null);
      if (!ok) problems.push({ field, reason: `must be a number or an RFC 3339 date-time with a time zone for op ${rule.op}` });
    } else if (rule.op === 'contains') {
      if (typeof rule.value !== 'string' && typeof rule.value !== 'number') {
        problems.push({ field, reason: 'must be a string or a number for op contains' });
      }
    } else if (rule.value !== null && typeof rule.value === 'object') {
      problems.push({ field, reason: `must be a string, number, boolean or null for op ${rule.op}` });
    }
  });
  if (kind === 'focus_group' && members.length === 0) {
    problems.push({ field: 'members', reason: 'must list at least one unit id for a focus_group' });
  }
  if (kind !== 'focus_group' && rules.length === 0 && members.length === 0) {
    problems.push({ field: 'rules', reason: `must hold at least one rule for a ${kind} cohort` });
  }
  if (problems.length > 0) {
    throw new InvalidFieldError(problems);
  }
}
