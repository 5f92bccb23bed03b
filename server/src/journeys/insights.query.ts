import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';
import { cohortMembershipSql, MembershipCohort, paramInto } from '../cohorts/cohort-membership.sql';

export interface InsightsInput {
  flowKey: string;
  /** The flow's step keys in order (at most 50: each is one bit of a bigint). */
  stepKeys: string[];
  from: Date;
  to: Date;
  cohort: MembershipCohort | null;
}

/** Per step (in `stepKeys` order): units that reached it, and of those and of the others, how many reached the outcome. */
export interface InsightsCounts {
  units: number;
  steps: { reached: number; reachedOutcome: number; notReachedOutcome: number }[];
}

/**
 * Which steps go with the outcome, in one statement. Each unit with an event of the flow in the
 * window becomes one bitmask of the steps it reached (an aligned event there, in any order): the
 * covering step_events index hands the events over grouped by unit, so this is one ordered scan.
 * Units with the same mask are then counted together, and the per-step 2×2 tables are summed
 * from those few rows. `outcomeBit` is the outcome step's position. With a cohort, the units are
 * filtered by their current attributes (the units table) before the masks are grouped.
 */
export function insightsSql(input: InsightsInput, outcomeIndex: number): { text: string; values: unknown[] } {
  const values: unknown[] = [input.flowKey, input.stepKeys, input.from, input.to, outcomeIndex];
  const cohortJoin = input.cohort
    ? `LEFT JOIN units u ON u.unit_id = m.unit_id
  WHERE ${cohortMembershipSql(input.cohort, paramInto(values), 'm.unit_id', `COALESCE(u.attributes, '{}'::jsonb)`)}`
    : '';
  const text = `
WITH unit_masks AS (
  SELECT e.unit_id,
         bit_or(CASE WHEN e.outcome = 'aligned' THEN 1::bigint << (array_position($2::text[], e.step_key) - 1) ELSE 0 END) AS mask
    FROM step_events e
   WHERE e.flow_key = $1 AND e.occurred_at >= $3 AND e.occurred_at <= $4
   GROUP BY e.unit_id
), masks AS (
  SELECT COALESCE(m.mask, 0) AS mask, count(*) AS n
    FROM unit_masks m
  ${cohortJoin}
   GROUP BY 1
)
SELECT s.i::int AS step,
       COALESCE(sum(n), 0)::bigint AS units,
       COALESCE(sum(n) FILTER (WHERE mask & (1::bigint << (s.i - 1)) <> 0), 0)::bigint AS reached,
       COALESCE(sum(n) FILTER (WHERE mask & (1::bigint << (s.i - 1)) <> 0 AND mask & (1::bigint << ($5::int - 1)) <> 0), 0)::bigint AS reached_outcome,
       COALESCE(sum(n) FILTER (WHERE mask & (1::bigint << (s.i - 1)) = 0 AND mask & (1::bigint << ($5::int - 1)) <> 0), 0)::bigint AS not_reached_outcome
  FROM generate_series(1, cardinality($2::text[])) AS s(i)
  LEFT JOIN masks ON true
 GROUP BY s.i
 ORDER BY s.i`;
  return { text, values };
}

@Injectable()
export class InsightsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async counts(input: InsightsInput, outcomeIndex: number): Promise<InsightsCounts> {
    const { rows } = await this.pool.query(insightsSql(input, outcomeIndex));
    return {
      units: rows.length ? Number(rows[0].units) : 0,
      steps: rows.map((row) => ({
        reached: Number(row.reached),
        reachedOutcome: Number(row.reached_outcome),
        notReachedOutcome: Number(row.not_reached_outcome),
      })),
    };
  }
}
