/**
 * The step-metrics statement counted per group as well (the cohort breakdown), still in one
 * pass over the assignments and without multiplying them:
 *
 * 1. the statement's own aggregation also groups by the assignment's memberships, one boolean
 *    per group (`ARRAY[in group 0, in group 1, …]`): the same counts, split by the few distinct
 *    combinations of cohorts that occur;
 * 2. an outer aggregation adds each combination's counts to the total (group -1) and to every
 *    group it is in. It reads a few thousand rows, not the assignments.
 *
 * `sql` is the plain statement (`WITH per_unit AS (…) SELECT a.variant_key, count(*) AS
 * total_units, … GROUP BY a.variant_key`), `countColumns` its count columns (`… AS name`),
 * `conditions` one SQL boolean over the assignment `a` per group.
 */
export function groupedStatement(sql: string, countColumns: string[], conditions: string[]): string {
  const select = '\nSELECT a.variant_key, count(*) AS total_units';
  const groupBy = '\nGROUP BY a.variant_key';
  if (!sql.includes(select) || !sql.trimEnd().endsWith(groupBy.trim())) {
    throw new Error('the step-metrics statement no longer has the shape the cohort grouping expects');
  }
  const memberships = `ARRAY[${conditions.map((condition) => `(${condition}) IS TRUE`).join(',\n    ')}]`;
  const names = countColumns.map((column) => {
    const match = /\bAS (\w+)\s*$/.exec(column);
    if (!match) throw new Error(`a step-metrics count column without a name: ${column}`);
    return match[1];
  });
  const inner = sql
    .replace(select, `,\ncounted AS (\nSELECT a.variant_key, ${memberships} AS groups, count(*) AS total_units`)
    .replace(/\nGROUP BY a\.variant_key\s*$/, '\nGROUP BY a.variant_key, 2\n)');
  return `${inner}
SELECT g.idx AS group_index, c.variant_key, sum(c.total_units) AS total_units, min(c.first_assigned_at) AS first_assigned_at,
       ${names.map((name) => `sum(c.${name}) AS ${name}`).join(',\n       ')}
FROM counted c
CROSS JOIN LATERAL (SELECT -1 AS idx UNION ALL SELECT m.i::int - 1 FROM unnest(c.groups) WITH ORDINALITY AS m(hit, i) WHERE m.hit) g
GROUP BY g.idx, c.variant_key`;
}
