import { attributeNumber, type CohortRule } from '@verdict/shared';

/** The cohort as the SQL predicate needs it. */
export interface CohortDefinition {
  rules: CohortRule[];
  members: string[];
}

// The same membership as `matchesCohort` in @verdict/shared (bucketing/targeting.ts), written
// as a PostgreSQL predicate over a jsonb column of current attributes, so cohorts are evaluated
// where the units are counted. Kept rule for rule beside that function: `"50"` equals `50`,
// a missing (or null) attribute satisfies only neq and nin, ordering is numeric when both sides
// read as numbers and textual (code-point order) when both are strings.

// What JavaScript's Number() reads from a string, decimal forms only.
const NUMERIC_TEXT = String.raw`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`;

const ORDER_OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * A boolean SQL expression: is the unit with id `unitIdSql` and attributes `attributesSql`
 * (a jsonb expression, `'{}'` for a unit with none) in the cohort? Values go to `params`
 * (placeholders continue its numbering).
 */
export function cohortPredicate(cohort: CohortDefinition, unitIdSql: string, attributesSql: string, params: unknown[]): string {
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const parts: string[] = [];
  if (cohort.members.length > 0) parts.push(`${unitIdSql} = ANY(${param(cohort.members, 'text[]')})`);
  if (cohort.rules.length > 0) {
    parts.push(`(${cohort.rules.map((rule) => `(${rulePredicate(rule, attributesSql, param)})`).join(' AND ')})`);
  }
  return parts.length === 0 ? 'false' : parts.join(' OR ');
}

function rulePredicate(rule: CohortRule, attributesSql: string, param: (value: unknown, cast: string) => string): string {
  // Placeholders are added on first use: PostgreSQL refuses a parameter the text never names.
  let attribute: string | null = null;
  const value = () => (attribute ??= `(${attributesSql} -> ${param(rule.attribute, 'text')})`);
  const missing = () => `(${value()} IS NULL OR jsonb_typeof(${value()}) = 'null')`;
  const text = () => `(${value()} #>> '{}')`;

  const same = (actual: string, wanted: unknown): string => {
    if (typeof wanted === 'boolean') return `(${actual} = ${param(JSON.stringify(wanted), 'jsonb')})`;
    if (typeof wanted === 'string' || (typeof wanted === 'number' && Number.isFinite(wanted))) {
      return `(jsonb_typeof(${actual}) IN ('string', 'number') AND (${actual} #>> '{}') = ${param(String(wanted), 'text')})`;
    }
    return 'false';
  };
  const among = (wanted: unknown) => {
    const list = Array.isArray(wanted) ? wanted : [wanted];
    return list.length === 0 ? 'false' : `(${list.map((item) => same(value(), item)).join(' OR ')})`;
  };

  switch (rule.op) {
    case 'eq':
      return `NOT ${missing()} AND ${same(value(), rule.value)}`;
    case 'neq':
      return `${missing()} OR NOT ${same(value(), rule.value)}`;
    case 'in':
      return `NOT ${missing()} AND ${among(rule.value)}`;
    case 'nin':
      return `${missing()} OR NOT ${among(rule.value)}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = ORDER_OPS[rule.op];
      const branches: string[] = [];
      const y = attributeNumber(rule.value);
      if (y !== null) {
        const yParam = param(String(y), 'numeric');
        branches.push(`WHEN jsonb_typeof(${value()}) = 'number' THEN (${value()}::text)::numeric ${op} ${yParam}`);
        branches.push(`WHEN jsonb_typeof(${value()}) = 'string' AND ${text()} ~ '${NUMERIC_TEXT}' THEN ${text()}::numeric ${op} ${yParam}`);
      }
      if (typeof rule.value === 'string') {
        branches.push(`WHEN jsonb_typeof(${value()}) = 'string' THEN ${text()} COLLATE "C" ${op} ${param(rule.value, 'text')} COLLATE "C"`);
      }
      return branches.length === 0 ? 'false' : `CASE ${branches.join(' ')} ELSE false END`;
    }
    case 'contains': {
      const inString =
        typeof rule.value === 'string' ? `(jsonb_typeof(${value()}) = 'string' AND strpos(${text()}, ${param(rule.value, 'text')}) > 0)` : 'false';
      const inArray = `(jsonb_typeof(${value()}) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(${value()}) AS item(x) WHERE ${same('item.x', rule.value)}))`;
      return `${inString} OR ${inArray}`;
    }
    default:
      return 'false';
  }
}
