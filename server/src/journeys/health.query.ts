import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';
import { cohortMembershipSql, MembershipCohort, paramInto } from '../cohorts/cohort-membership.sql';

export interface MeasureInput {
  flowKey: string;
  triggerStepKey: string;
  stepKey: string;
  windowDays: number;
  cohort: MembershipCohort;
  now: Date;
}

/**
 * One expectation measured, in one statement. A unit's window starts at its first aligned
 * trigger event in [now − 2·windowDays, now − windowDays], so every window counted has closed
 * by now (nobody is counted as "not reached" while they still have time). The unit counts when
 * it is in the cohort by its current attributes, and has reached the step when an aligned event
 * there falls within windowDays after that start.
 */
export function measureSql(input: MeasureInput): { text: string; values: unknown[] } {
  const day = 24 * 3600 * 1000;
  const values: unknown[] = [
    input.flowKey,
    input.triggerStepKey,
    new Date(input.now.getTime() - 2 * input.windowDays * day),
    new Date(input.now.getTime() - input.windowDays * day),
    input.stepKey,
    input.windowDays,
  ];
  const inCohort = cohortMembershipSql(input.cohort, paramInto(values), 's.unit_id', `COALESCE(u.attributes, '{}'::jsonb)`);
  const text = `
WITH started AS (
  SELECT e.unit_id, min(e.occurred_at) AS at
    FROM step_events e
   WHERE e.flow_key = $1 AND e.step_key = $2 AND e.outcome = 'aligned'
     AND e.occurred_at >= $3 AND e.occurred_at <= $4
   GROUP BY e.unit_id
), cohort AS (
  SELECT s.unit_id, s.at
    FROM started s
    LEFT JOIN units u ON u.unit_id = s.unit_id
   WHERE ${inCohort}
)
SELECT count(*)::int AS units,
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM step_events r
          WHERE r.flow_key = $1 AND r.unit_id = c.unit_id AND r.step_key = $5 AND r.outcome = 'aligned'
            AND r.occurred_at >= c.at AND r.occurred_at <= c.at + make_interval(days => $6::int)))::int AS reached
  FROM cohort c`;
  return { text, values };
}

@Injectable()
export class HealthQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async measure(input: MeasureInput): Promise<{ units: number; reached: number }> {
    const { rows } = await this.pool.query(measureSql(input));
    return { units: rows[0].units, reached: rows[0].reached };
  }
}
