import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Milestone } from '@verdict/shared';

export interface StepSpec {
  key: string;
  milestone?: Milestone | null;
}

export interface StepMetricsInput {
  experimentId: string;
  flowKey: string;
  /** The flow's steps, in order. */
  steps: StepSpec[];
  /** Counts are taken as of this instant (assignments and events after it are ignored). */
  asOf: Date;
}

export interface VariantStepCounts {
  units: number;
  reached: number;
  deviated: number;
}

export interface StepMetrics {
  /** variant key → units assigned (forced units excluded). */
  units: Record<string, number>;
  firstAssignedAt: Date | null;
  /** step key → variant key → counts (`units` is the step's own population for milestones). */
  steps: Record<string, Record<string, VariantStepCounts>>;
}

interface Row {
  kind: 'units' | 'steps';
  variant_key: string;
  step_key: string | null;
  units: string | null;
  reached: string | null;
  deviated: string | null;
  first_assigned_at: Date | null;
}

/**
 * The step metrics of DESIGN §3 in one SQL statement: events are joined to their unit's
 * assignment (by the step_events index on flow_key, unit_id), reduced to one row per unit and
 * step, then counted per variant and step. Nothing but the counts leaves PostgreSQL.
 */
export function stepMetricsSql(hasMilestones: boolean): string {
  // $1 experiment id, $2 flow key, $3 as-of, $4 step keys, $5 window days, $6 min events
  // ($5/$6 aligned with $4; null for plain steps; $6 only when there are milestones).
  const windowDays = `($5::int[])[array_position($4::text[], e.step_key)]`;
  return `
WITH unit_steps AS (
  SELECT a.variant_key, a.assigned_at, e.step_key,
         count(*) FILTER (WHERE e.outcome = 'aligned') AS aligned,
         count(*) FILTER (WHERE e.outcome = 'deviated') AS deviated${
           hasMilestones
             ? `,
         count(*) FILTER (WHERE e.outcome = 'aligned'
                          AND e.occurred_at < a.assigned_at + make_interval(days => ${windowDays})) AS aligned_in_window`
             : ''
         }
  FROM assignments a
  JOIN step_events e ON e.flow_key = $2 AND e.unit_id = a.unit_id AND e.occurred_at >= a.assigned_at
  WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
    AND e.step_key = ANY($4::text[]) AND e.occurred_at <= $3
  GROUP BY a.unit_id, a.variant_key, a.assigned_at, e.step_key
),
step_counts AS (
  SELECT variant_key, step_key,
         count(*) FILTER (WHERE ${
           hasMilestones
             ? `CASE WHEN w.days IS NULL THEN aligned > 0
                      ELSE assigned_at <= $3 - make_interval(days => w.days) AND aligned_in_window >= w.min_events END`
             : 'aligned > 0'
         }) AS reached,
         count(*) FILTER (WHERE deviated > 0${
           hasMilestones ? ` AND (w.days IS NULL OR assigned_at <= $3 - make_interval(days => w.days))` : ''
         }) AS deviated
  FROM unit_steps${
    hasMilestones
      ? `
  CROSS JOIN LATERAL (SELECT ($5::int[])[array_position($4::text[], step_key)] AS days,
                             ($6::int[])[array_position($4::text[], step_key)] AS min_events) w`
      : ''
  }
  GROUP BY variant_key, step_key
),
unit_counts AS (
  SELECT a.variant_key, s.step_key, count(*) AS units, min(a.assigned_at) AS first_assigned_at
  FROM assignments a
  CROSS JOIN (SELECT NULL::text AS step_key, NULL::int AS days
              UNION ALL
              SELECT k, d FROM unnest($4::text[], $5::int[]) AS m(k, d) WHERE d IS NOT NULL) s
  WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
    AND (s.days IS NULL OR a.assigned_at <= $3 - make_interval(days => s.days))
  GROUP BY a.variant_key, s.step_key
)
SELECT 'units' AS kind, variant_key, step_key, units, NULL::bigint AS reached, NULL::bigint AS deviated, first_assigned_at
FROM unit_counts
UNION ALL
SELECT 'steps', variant_key, step_key, NULL, reached, deviated, NULL
FROM step_counts`;
}

export function stepMetricsParams(input: StepMetricsInput): unknown[] {
  const params = [
    input.experimentId,
    input.flowKey,
    input.asOf,
    input.steps.map((step) => step.key),
    input.steps.map((step) => step.milestone?.withinDays ?? null),
  ];
  if (hasMilestones(input.steps)) params.push(input.steps.map((step) => step.milestone?.minEvents ?? null));
  return params;
}

export const hasMilestones = (steps: StepSpec[]) => steps.some((step) => step.milestone);

@Injectable()
export class StepMetricsQuery {
  /** Runs the aggregation on the given manager (the analysis' transaction). */
  async run(manager: EntityManager, input: StepMetricsInput, variantKeys: string[]): Promise<StepMetrics> {
    const sql = stepMetricsSql(hasMilestones(input.steps));
    const rows: Row[] = await manager.query(sql, stepMetricsParams(input));

    const units: Record<string, number> = Object.fromEntries(variantKeys.map((key) => [key, 0]));
    const milestoneUnits: Record<string, Record<string, number>> = {};
    let firstAssignedAt: Date | null = null;
    const steps: StepMetrics['steps'] = {};
    for (const step of input.steps) {
      steps[step.key] = Object.fromEntries(variantKeys.map((key) => [key, { units: 0, reached: 0, deviated: 0 }]));
      if (step.milestone) milestoneUnits[step.key] = {};
    }

    for (const row of rows) {
      if (row.kind === 'units') {
        if (row.step_key === null) {
          units[row.variant_key] = Number(row.units);
          const first = row.first_assigned_at ? new Date(row.first_assigned_at) : null;
          if (first && (!firstAssignedAt || first < firstAssignedAt)) firstAssignedAt = first;
        } else {
          milestoneUnits[row.step_key][row.variant_key] = Number(row.units);
        }
      }
    }
    for (const row of rows) {
      if (row.kind !== 'steps') continue;
      const counts = steps[row.step_key!]?.[row.variant_key];
      // A unit assigned to a variant since removed from the experiment's list is not analysed.
      if (!counts) continue;
      counts.reached = Number(row.reached);
      counts.deviated = Number(row.deviated);
    }
    for (const step of input.steps) {
      for (const variantKey of variantKeys) {
        steps[step.key][variantKey].units = step.milestone
          ? (milestoneUnits[step.key][variantKey] ?? 0)
          : (units[variantKey] ?? 0);
      }
    }
    return { units, firstAssignedAt, steps };
  }
}
