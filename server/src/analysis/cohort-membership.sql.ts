import type { CohortRule } from '@verdict/shared';

/** Adds a bind parameter and returns its placeholder (`$n`). */
export type Param = (value: unknown) => string;

export interface MembershipCohort {
  rules: CohortRule[];
  members: string[];
}

// A JavaScript number as `String(n)` writes it for the usual attribute values; numbers are
// compared numerically in SQL, so only strings that read back as the same number compare as numbers.
const NUMERIC = String.raw`^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$`;
const isPrimitive = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The SQL twin of `matchesRule` (shared/src/bucketing/targeting.ts) over `a.attributes`, the
 * attributes recorded with the assignment: the same operators with the same reading of
 * missing values, `"50"` = `50`, numbers ordered numerically and strings lexically.
 */
export function ruleSql(rule: CohortRule, param: Param, attributes = 'a.attributes'): string {
  const actual = `(${attributes} -> ${param(rule.attribute)}::text)`;
  const type = `jsonb_typeof(${actual})`;
  const text = `(${actual} #>> '{}')`;
  const missing = `(${actual} IS NULL OR ${type} = 'null')`;
  // `same(actual, value)` for one given value.
  const same = (value: unknown, on = actual): string => {
    const onType = `jsonb_typeof(${on})`;
    const onText = `(${on} #>> '{}')`;
    if (typeof value === 'boolean') return `(${on} = ${param(JSON.stringify(value))}::jsonb)`;
    if (typeof value === 'number') {
      // CASE, not AND: PostgreSQL does not promise to test the type before the cast.
      return `(CASE ${onType} WHEN 'number' THEN (${on})::numeric = ${param(value)}::numeric WHEN 'string' THEN ${onText} = ${param(String(value))} ELSE false END)`;
    }
    if (typeof value === 'string') {
      const asNumber = Number(value);
      const numberTwin = value.trim() !== '' && Number.isFinite(asNumber) && String(asNumber) === value;
      const numeric = numberTwin ? ` WHEN 'number' THEN (${on})::numeric = ${param(asNumber)}::numeric` : '';
      return `(CASE ${onType} WHEN 'string' THEN ${onText} = ${param(value)}${numeric} ELSE false END)`;
    }
    return 'false';
  };
  const among = (values: unknown): string => {
    const list = Array.isArray(values) ? values : [values];
    const parts = list.filter((v) => isPrimitive(v)).map((v) => same(v));
    return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
  };
  switch (rule.op) {
    case 'eq':
      return isPrimitive(rule.value) ? `(NOT ${missing} AND ${same(rule.value)})` : 'false';
    case 'neq':
      return isPrimitive(rule.value) ? `(${missing} OR NOT ${same(rule.value)})` : 'true';
    case 'in':
      return `(NOT ${missing} AND ${among(rule.value)})`;
    case 'nin':
      return `(${missing} OR NOT ${among(rule.value)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[rule.op];
      const value = rule.value;
      const actualNumber = `CASE WHEN ${type} = 'number' THEN (${actual})::numeric WHEN ${type} = 'string' AND ${text} ~ ${param(NUMERIC)} THEN trim(${text})::numeric END`;
      const valueNumber =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
      if (valueNumber !== null) {
        // Both numbers: numerically; a number-like string against a non-number: lexically.
        const numeric = `COALESCE((${actualNumber}) ${op} ${param(valueNumber)}::numeric, false)`;
        if (typeof value !== 'string') return numeric;
        return `(CASE WHEN (${actualNumber}) IS NOT NULL THEN ${numeric} WHEN ${type} = 'string' THEN ${text} COLLATE "C" ${op} ${param(value)} ELSE false END)`;
      }
      if (typeof value !== 'string') return 'false';
      return `(${type} = 'string' AND ${text} COLLATE "C" ${op} ${param(value)})`;
    }
    case 'contains': {
      const value = rule.value;
      const inString = typeof value === 'string' ? `(${type} = 'string' AND strpos(${text}, ${param(value)}) > 0)` : 'false';
      const inArray = isPrimitive(value)
        ? `(${type} = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(${actual}) AS item(v) WHERE ${same(value, 'item.v')}))`
        : 'false';
      return `(${inString} OR ${inArray})`;
    }
    default:
      return 'false';
  }
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
