import type { CohortRule } from '../api/cohorts';
import type { Attributes } from '../api/common';

/** A targeting cohort as the evaluator sees it (GET /sdk/config ships exactly this). */
export interface TargetingCohort {
  key: string;
  rules: CohortRule[];
  members: string[];
}

type Primitive = string | number | boolean;

function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

// `"50"` and `50` are the same value: attributes often arrive as strings from forms and headers.
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return isPrimitive(a) && isPrimitive(b) && typeof a !== 'boolean' && typeof b !== 'boolean' && String(a) === String(b);
}

/** An attribute value as a number: a finite number, or a non-blank string that reads as one; otherwise null. */
export function attributeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** `in` takes a list; a single value is read as a list of one. */
function isAmong(actual: unknown, values: unknown): boolean {
  if (!Array.isArray(values)) return same(actual, values);
  for (const value of values) if (same(actual, value)) return true;
  return false;
}

/** -1, 0, 1, or null when the two cannot be ordered (numbers numerically, strings lexically: ISO dates work). */
function order(a: unknown, b: unknown): number | null {
  const x = attributeNumber(a);
  const y = attributeNumber(b);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/**
 * One rule against the unit's attributes. A missing attribute satisfies only `neq` and `nin`
 * (it is not equal to, and not among, the given values).
 */
export function matchesRule(rule: CohortRule, attributes: Attributes): boolean {
  const actual = attributes[rule.attribute];
  const missing = actual === undefined || actual === null;
  switch (rule.op) {
    case 'eq':
      return !missing && same(actual, rule.value);
    case 'neq':
      return missing || !same(actual, rule.value);
    case 'in':
      return !missing && isAmong(actual, rule.value);
    case 'nin':
      return missing || !isAmong(actual, rule.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (missing) return false;
      const cmp = order(actual, rule.value);
      if (cmp === null) return false;
      if (rule.op === 'gt') return cmp > 0;
      if (rule.op === 'gte') return cmp >= 0;
      if (rule.op === 'lt') return cmp < 0;
      return cmp <= 0;
    }
    case 'contains':
      if (typeof actual === 'string') return typeof rule.value === 'string' && actual.includes(rule.value);
      if (Array.isArray(actual)) return actual.some((item) => same(item, rule.value));
      return false;
    default:
      return false;
  }
}

// Large focus groups are looked up through a Set built once per members array.
const memberSets = new WeakMap<readonly string[], Set<string>>();

function isMember(members: readonly string[], unitId: string | null): boolean {
  if (members.length === 0 || unitId === null) return false;
  if (members.length <= 16) return members.includes(unitId);
  let set = memberSets.get(members);
  if (!set) {
    set = new Set(members);
    memberSets.set(members, set);
  }
  return set.has(unitId);
}

/**
 * `unitId` as `members` name it (see `assignVariant`'s `listedId`; null: listed nowhere).
 * A unit belongs to a cohort when it is one of its explicit members, or when the cohort has
 * rules and all of them hold (AND). A cohort with neither members nor rules matches nobody.
 */
export function matchesCohort(cohort: TargetingCohort, unitId: string | null, attributes: Attributes): boolean {
  if (isMember(cohort.members, unitId)) return true;
  const rules = cohort.rules;
  if (rules.length === 0) return false;
  for (const rule of rules) if (!matchesRule(rule, attributes)) return false;
  return true;
}

/** Targeting of an experiment: no cohorts means everyone; otherwise any one cohort (OR). */
export function isTargeted(targeting: readonly TargetingCohort[], unitId: string | null, attributes: Attributes): boolean {
  if (targeting.length === 0) return true;
  for (const cohort of targeting) if (matchesCohort(cohort, unitId, attributes)) return true;
  return false;
}
