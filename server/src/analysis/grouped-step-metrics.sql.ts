/** The plain step-metrics statement in pieces, as the grouped one reuses them. */
export interface StatementParts {
  /** `WITH per_unit AS (…)`: each unit's aligned and deviated times per step. */
  perUnit: string;
  /** The count columns, `expression AS name`, comma-separated. */
  counts: string;
  /** Their names, in order. */
  countNames: string[];
  /** What joins each assignment `a`: its per_unit row, and CUPED's lateral covariates. */
  joins: string;
  /** The condition on `a` that picks the experiment's analysed assignments. */
  assignments: string;
}

/** Memberships per grouping key: a bigint's bits but the sign bit. */
const BITS_PER_KEY = 63;

/**
 * The step-metrics statement counted per group as well (the cohort breakdown), still in one
 * pass over the assignments and without multiplying them:
 *
 * 1. a subquery over the experiment's assignments evaluates every group's condition once per
 *    assignment and packs the results into bit masks (`groups_0` holds groups 0–62, `groups_1`
 *    the next 63, …). `OFFSET 0` keeps it a subquery of its own: the planner then estimates a
 *    few hundred distinct masks (rather than one per unit, as for an expression over the
 *    assignment's columns) and aggregates them in a hash table instead of sorting a million
 *    rows by them; and the conditions are evaluated while the assignments are read;
 * 2. the statement's own aggregation also groups by those masks: the same counts, split by the
 *    few distinct combinations of groups that occur;
 * 3. an outer aggregation adds each combination's counts to the total (group -1) and to every
 *    group whose bit is set. It reads a few thousand rows, not the assignments.
 *
 * `parts` are the pieces of the plain statement (step-metrics.query.ts), `conditions` one SQL
 * boolean over the assignment `a` per group. docs/performance.md has the measurements behind
 * this shape.
 */
export function groupedStatement(parts: StatementParts, conditions: string[]): string {
  const keys: string[][] = [];
  conditions.forEach((condition, i) => {
    const bit = `${(1n << BigInt(i % BITS_PER_KEY)).toString()}::bigint`;
    (keys[Math.floor(i / BITS_PER_KEY)] ??= []).push(`CASE WHEN ${condition} THEN ${bit} ELSE 0::bigint END`);
  });
  const keyNames = keys.map((_, k) => `groups_${k}`);
  const masks = keys.map((bits, k) => `(${bits.join('\n      | ')}) AS ${keyNames[k]}`);
  const groupKeys = keyNames.map((name) => `a.${name}`).join(', ');
  // The subquery filters the assignments; filtering its rows again would make the planner count
  // the filter's selectivity twice, expect a handful of rows and choose a nested loop that
  // aggregates per_unit again for every assignment.
  const inner = `${parts.perUnit},
counted AS (
SELECT a.variant_key, ${groupKeys}, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       ${parts.counts}
FROM (
  SELECT a.*,
    ${masks.join(',\n    ')}
  FROM assignments a
  WHERE ${parts.assignments}
  OFFSET 0
) a
${parts.joins}
GROUP BY a.variant_key, ${groupKeys}
)`;
  // Group -1 for every combination, then one row per set bit.
  const members = keys.map(
    (bits, k) =>
      `SELECT ${k * BITS_PER_KEY} + b FROM generate_series(0, ${bits.length - 1}) AS b WHERE c.${keyNames[k]} & (1::bigint << b) <> 0`,
  );
  return `${inner}
SELECT g.idx AS group_index, c.variant_key, sum(c.total_units) AS total_units, min(c.first_assigned_at) AS first_assigned_at,
       ${parts.countNames.map((name) => `sum(c.${name}) AS ${name}`).join(',\n       ')}
FROM counted c
CROSS JOIN LATERAL (SELECT -1 AS idx${members.map((member) => `\n  UNION ALL ${member}`).join('')}) g
GROUP BY g.idx, c.variant_key`;
}
