import { attributeNumber, type CohortRule } from '@verdict/shared';

/** Adds a bind parameter and returns its placeholder (`$n`). */
export type Param = (value: unknown) => string;

/** A `Param` that appends to `values`, numbering on from what is already there. */
export function paramInto(values: unknown[]): Param {
  return (value) => {
    values.push(value);
    return `$${values.length}`;
  };
}

export interface MembershipCohort {
  rules: CohortRule[];
  members: string[];
}

// A JavaScript number as `String(n)` writes it for the usual attribute values; numbers are
// compared numerically in SQL, so only strings that read back as the same number compare as numbers.
const NUMERIC = String.raw`^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$`;

/**
 * The SQL twin of `matchesRule` (shared/src/bucketing/targeting.ts) over a jsonb expression of
 * attributes (`a.attributes`, those recorded with the assignment, by default; the journeys pass
 * a unit's current ones): the same operators with the same reading of
 * missing values, `"50"` = `50`, numbers ordered numerically and strings lexically.
 */
export function ruleSql(rule: CohortRule, param: Param, attributes = 'a.attributes'): string {
  // The attribute's name becomes a parameter only where a test reads the value itself.
  let name: string | null = null;
  const actualOf = () => `(${attributes} -> ${(name ??= param(rule.attribute))}::text)`;
  // `same(actual, v)` for any v of a list: the attributes contain `{attribute: v'}` for one of
  // the JSON values v' equal to a v under "50" = 50 (jsonb compares numbers numerically). A
  // top-level containment test is the cheapest test PostgreSQL has on a jsonb column.
  const among = (values: unknown): string => {
    const list = (Array.isArray(values) ? values : [values]).flatMap(sameValues);
    if (list.length === 0) return 'false';
    const tests = list.map((v) => `${attributes} @> ${param(JSON.stringify({ [rule.attribute]: v }))}::jsonb`);
    return `(${tests.join(' OR ')})`;
  };
  // Built on first use, so a rule that can match nothing leaves no unused parameter behind.
  const type = () => `jsonb_typeof(${actualOf()})`;
  const text = () => `(${actualOf()} #>> '{}')`;
  switch (rule.op) {
    // eq and neq compare with the value itself: a list there is one (unequal) value, not a choice.
    case 'eq':
      return among([rule.value]);
    case 'in':
      return among(rule.value);
    case 'neq':
      return `(NOT ${among([rule.value])})`;
    case 'nin':
      return `(NOT ${among(rule.value)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[rule.op];
      const value = rule.value;
      // Numbers compare numerically, also when sent as numeric strings (checked only for strings).
      const actualNumber = () =>
        `CASE ${type()} WHEN 'number' THEN (${actualOf()})::numeric WHEN 'string' THEN CASE WHEN ${text()} ~ ${param(NUMERIC)} THEN trim(${text()})::numeric END END`;
      const valueNumber = attributeNumber(value);
      if (valueNumber !== null) {
        // Both numbers: numerically; a number-like string against a non-number: lexically.
        const number = actualNumber();
        const numeric = `COALESCE((${number}) ${op} ${param(valueNumber)}::numeric, false)`;
        if (typeof value !== 'string') return numeric;
        return `(CASE WHEN (${number}) IS NOT NULL THEN ${numeric} WHEN ${type()} = 'string' THEN ${text()} COLLATE "C" ${op} ${param(value)}::text ELSE false END)`;
      }
      if (typeof value !== 'string') return 'false';
      return `(${type()} = 'string' AND ${text()} COLLATE "C" ${op} ${param(value)}::text)`;
    }
    case 'contains': {
      const value = rule.value;
      const inString = typeof value === 'string' ? `(${type()} = 'string' AND strpos(${text()}, ${param(value)}::text) > 0)` : 'false';
      const items = sameValues(value);
      const inArray =
        items.length > 0
          ? `(${type()} = 'array' AND (${items.map((item) => `${actualOf()} @> ${param(JSON.stringify([item]))}::jsonb`).join(' OR ')}))`
          : 'false';
      return `(${inString} OR ${inArray})`;
    }
    default:
      return 'false';
  }
}

/** The JSON values `same` (shared/src/bucketing/targeting.ts) takes as equal to `value`. */
function sameValues(value: unknown): (string | number | boolean)[] {
  if (typeof value === 'boolean') return [value];
  if (typeof value === 'number') return Number.isFinite(value) ? [value, String(value)] : [];
  if (typeof value === 'string') {
    const asNumber = Number(value);
    const twin = value.trim() !== '' && Number.isFinite(asNumber) && String(asNumber) === value;
    return twin ? [value, asNumber] : [value];
  }
  return [];
}

/**
 * A cohort's membership of one assignment as a SQL boolean: one of its `members`, or (when it
 * has rules) all its rules hold. A cohort with neither matches nobody.
 */
export function cohortMembershipSql(cohort: MembershipCohort, param: Param, unitId = 'a.unit_id', attributes = 'a.attributes'): string {
  const parts: string[] = [];
  if (cohort.members.length > 0) parts.push(`${unitId} = ANY(${param(cohort.members)}::text[])`);
  if (cohort.rules.length > 0) parts.push(`(${cohort.rules.map((rule) => ruleSql(rule, param, attributes)).join(' AND ')})`);
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}
