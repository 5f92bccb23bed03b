import type { EntityManager } from 'typeorm';
import type { CohortEntity } from '../cohorts/cohort.entity';

/** Most cohorts one analysis breaks down by (the audience and the expected cohorts come on top). */
export const MAX_BREAKDOWN_COHORTS = 50;

export type BreakdownCohort = Pick<CohortEntity, 'key' | 'name' | 'kind' | 'rules' | 'members'>;

const DEFINES_SOMEONE = '(jsonb_array_length(rules) > 0 OR jsonb_array_length(members) > 0)';

const BREAKDOWN_COHORTS_SQL = `
SELECT key, name, kind, rules, members FROM cohorts
 WHERE ${DEFINES_SOMEONE}
   AND (key = ANY($2::text[]) OR key IN (SELECT key FROM cohorts WHERE ${DEFINES_SOMEONE} ORDER BY key LIMIT $1))
 ORDER BY key`;

const FREQUENT_VALUES_SQL = `
SELECT a.attributes ->> $2 AS value FROM assignments a
 WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3 AND a.attributes ->> $2 IS NOT NULL
 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT $4`;

/**
 * The cohorts an analysis breaks down by: every cohort that can match someone (rules or
 * members), the first MAX_BREAKDOWN_COHORTS by key, plus the ones the hypothesis version names.
 */
export function breakdownCohorts(manager: EntityManager, named: string[]): Promise<BreakdownCohort[]> {
  return manager.query(BREAKDOWN_COHORTS_SQL, [MAX_BREAKDOWN_COHORTS, named]);
}

/** The `limit` most frequent values of one attribute among the experiment's assignments up to `asOf` (ties by value). */
export async function frequentAttributeValues(
  manager: EntityManager,
  input: { experimentId: string; attribute: string; asOf: Date; limit: number },
): Promise<string[]> {
  const rows: { value: string }[] = await manager.query(FREQUENT_VALUES_SQL, [input.experimentId, input.attribute, input.asOf, input.limit]);
  return rows.map((row) => row.value);
}
