import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Milestone } from '@verdict/shared';
import { groupedStatement } from './grouped-step-metrics.sql';

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
  /**
   * CUPED's lookback L in days: also count, per step, the units with an aligned event there in
   * [assignedAt − L days, assignedAt) (the covariate X). Null or absent: no covariate columns.
   */
  lookbackDays?: number | null;
  /**
   * Cohort breakdown (grouped-step-metrics.sql.ts): SQL conditions on an assignment `a`; each assignment
   * is also counted in every group whose condition holds. Absent: no group rows.
   */
  groups?: (param: (value: unknown) => string) => string[];
}

export interface VariantStepCounts {
  units: number;
  reached: number;
  deviated: number;
  /** Σ X over the step's units: active at the step in the lookback window before assignment (CUPED only). */
  sumX?: number;
  /** Σ X·Y: those of them that also reached the step (CUPED only). */
  sumXY?: number;
}

export interface StepMetrics {
  /** variant key → units assigned (forced units excluded). */
  units: Record<string, number>;
  firstAssignedAt: Date | null;
  /** step key → variant key → counts (`units` is the step's own population for milestones). */
  steps: Record<string, Record<string, VariantStepCounts>>;
  /** With `groups`: per group, in their order, the same counts over the group's units. */
  groups?: (GroupMetrics | undefined)[];
}

export type GroupMetrics = Pick<StepMetrics, 'units' | 'steps'>;

/**
 * For the analysis transaction: memory for the join's hash table of assignments, and no JIT
 * (compiling the wide aggregate costs more than it saves on this plan).
 */
export const STEP_METRICS_SETTINGS = `SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`;

export interface StepMetricsStatement {
  sql: string;
  params: unknown[];
}

/**
 * The step metrics (docs/analysis.md) as one SQL statement, one pass over the flow's events:
 *
 * 1. `per_unit` reduces the events to one row per unit straight off the step_events index
 *    (flow_key, unit_id, step_key, occurred_at) INCLUDE (outcome) — an index-only scan that
 *    arrives grouped by unit, so the aggregation streams without sorting or hashing. Per step
 *    it keeps the latest aligned and the latest deviated time: a unit reached a step at or
 *    after its assignment exactly when its latest aligned event there is at or after it. For a
 *    milestone step it keeps the aligned times themselves, to count those inside the window.
 * 2. Every non-forced assignment of the experiment is joined to its unit's row (units without
 *    events count too) and counted per variant, with one pair of columns per step.
 *
 * With a lookback (CUPED), `per_unit` also keeps each step's aligned times, and every
 * assignment checks once per step whether one of them lies in [assignedAt − L, assignedAt):
 * the covariate X, summed per variant with X·Y beside the counts (Y = reached, so ΣY² = ΣY).
 *
 * Nothing but the counts (one row per variant) leaves PostgreSQL.
 */
export function stepMetricsStatement(input: StepMetricsInput): StepMetricsStatement {
  const params: unknown[] = [input.experimentId, input.flowKey, input.asOf];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const unitColumns: string[] = [];
  const countColumns: string[] = [];
  const covariates: string[] = [];
  const stepKeys: string[] = [];
  const cuped = input.lookbackDays !== undefined && input.lookbackDays !== null;
  const lookback = cuped ? `make_interval(days => ${param(input.lookbackDays)}::int)` : '';
  // X of step i for this assignment: an aligned time in [assignedAt − L, assignedAt). The
  // first and last aligned times decide it for almost every unit; only a unit with aligned
  // events both before the window and after assignment needs its times unnested.
  const covariate = (i: number, first: string, last: string, times: string) => {
    const start = `a.assigned_at - ${lookback}`;
    return `CASE WHEN ${first} IS NULL OR ${first} >= a.assigned_at OR ${last} < ${start} THEN false
         WHEN ${first} >= ${start} OR ${last} < a.assigned_at THEN true
         ELSE EXISTS (SELECT 1 FROM unnest(${times}) AS t(at) WHERE t.at >= ${start} AND t.at < a.assigned_at) END AS x_${i}`;
  };
  const covariateColumns = (i: number, population: string, reached: string) =>
    cuped
      ? [
          `count(*) FILTER (WHERE ${population}x.x_${i}) AS sum_x_${i}`,
          `count(*) FILTER (WHERE ${population}x.x_${i} AND ${reached}) AS sum_xy_${i}`,
        ]
      : [];
  input.steps.forEach((step, i) => {
    const key = param(step.key);
    stepKeys.push(key);
    const on = (outcome: string) => `FILTER (WHERE e.step_key = ${key} AND e.outcome = '${outcome}')`;
    unitColumns.push(`max(e.occurred_at) ${on('deviated')} AS deviated_${i}`);
    if (!step.milestone) {
      unitColumns.push(`max(e.occurred_at) ${on('aligned')} AS aligned_${i}`);
      if (cuped) {
        unitColumns.push(
          `min(e.occurred_at) ${on('aligned')} AS first_aligned_${i}`,
          `array_agg(e.occurred_at) ${on('aligned')} AS aligned_times_${i}`,
        );
        covariates.push(covariate(i, `p.first_aligned_${i}`, `p.aligned_${i}`, `p.aligned_times_${i}`));
      }
      countColumns.push(
        `count(*) AS units_${i}`,
        `count(*) FILTER (WHERE p.aligned_${i} >= a.assigned_at) AS reached_${i}`,
        `count(*) FILTER (WHERE p.deviated_${i} >= a.assigned_at) AS deviated_${i}`,
        ...covariateColumns(i, '', `p.aligned_${i} >= a.assigned_at`),
      );
      return;
    }
    // Milestone: ≥ N aligned events in [assignedAt, assignedAt + D days), over the units whose
    // window has closed (assigned at least D days before the analysis).
    unitColumns.push(`array_agg(e.occurred_at) ${on('aligned')} AS aligned_${i}`);
    const window = `make_interval(days => ${param(step.milestone.withinDays)}::int)`;
    const minEvents = param(step.milestone.minEvents);
    const closed = `a.assigned_at <= $3::timestamptz - ${window}`;
    const reached = `(SELECT count(*) FROM unnest(p.aligned_${i}) AS t(at)
          WHERE t.at >= a.assigned_at AND t.at < a.assigned_at + ${window}) >= ${minEvents}::int`;
    if (cuped) {
      unitColumns.push(
        `min(e.occurred_at) ${on('aligned')} AS first_aligned_${i}`,
        `max(e.occurred_at) ${on('aligned')} AS last_aligned_${i}`,
      );
      covariates.push(covariate(i, `p.first_aligned_${i}`, `p.last_aligned_${i}`, `p.aligned_${i}`));
    }
    countColumns.push(
      `count(*) FILTER (WHERE ${closed}) AS units_${i}`,
      `count(*) FILTER (WHERE ${closed} AND ${reached}) AS reached_${i}`,
      `count(*) FILTER (WHERE ${closed} AND p.deviated_${i} >= a.assigned_at) AS deviated_${i}`,
      ...covariateColumns(i, `${closed} AND `, reached),
    );
  });
  // One lateral row per assignment holds its covariates, so each is computed once.
  const covariateJoin = covariates.length > 0 ? `\nLEFT JOIN LATERAL (SELECT ${covariates.join(',\n       ')}) x ON true` : '';

  const sql = `
WITH per_unit AS (
  SELECT e.unit_id,
         ${unitColumns.join(',\n         ')}
  FROM step_events e
  WHERE e.flow_key = $2 AND e.occurred_at <= $3 AND e.step_key IN (${stepKeys.join(', ')})
  GROUP BY e.unit_id
)
SELECT a.variant_key, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       ${countColumns.join(',\n       ')}
FROM assignments a
LEFT JOIN per_unit p ON p.unit_id = a.unit_id${covariateJoin}
WHERE a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3
GROUP BY a.variant_key`;
  // Cohort breakdown: the same statement, grouped by membership too (grouped-step-metrics.sql.ts).
  if (input.groups) return { sql: groupedStatement(sql, countColumns, input.groups(param)), params };
  return { sql, params };
}

@Injectable()
export class StepMetricsQuery {
  /** Runs the aggregation on the given manager (the analysis' transaction, which takes its settings). */
  async run(manager: EntityManager, input: StepMetricsInput, variantKeys: string[]): Promise<StepMetrics> {
    const { sql, params } = stepMetricsStatement(input);
    await manager.query(STEP_METRICS_SETTINGS);
    const rows: MetricsRow[] = await manager.query(sql, params);

    const units: Record<string, number> = Object.fromEntries(variantKeys.map((key) => [key, 0]));
    const steps: StepMetrics['steps'] = {};
    for (const step of input.steps) {
      steps[step.key] = Object.fromEntries(variantKeys.map((key) => [key, { units: 0, reached: 0, deviated: 0 }]));
    }
    let firstAssignedAt: Date | null = null;
    // Groups no unit belongs to stay absent.
    const groups: (GroupMetrics | undefined)[] | undefined = input.groups ? [] : undefined;
    for (const row of rows) {
      const variantKey = row.variant_key as string;
      // A unit assigned to a variant no longer in the experiment's list is not analysed.
      if (!(variantKey in units)) continue;
      const group = row.group_index === undefined ? -1 : Number(row.group_index);
      if (groups && group >= 0) {
        const counts = (groups[group] ??= emptyGroup(input.steps, variantKeys));
        counts.units[variantKey] = Number(row.total_units);
        input.steps.forEach((step, i) => (counts.steps[step.key][variantKey] = stepCounts(row, i)));
        continue;
      }
      const first = row.first_assigned_at ? new Date(row.first_assigned_at) : null;
      if (first && (!firstAssignedAt || first < firstAssignedAt)) firstAssignedAt = first;
      input.steps.forEach((step, i) => {
        steps[step.key][variantKey] = stepCounts(row, i);
      });
      units[variantKey] = Number(row.total_units);
    }
    return groups ? { units, firstAssignedAt, steps, groups } : { units, firstAssignedAt, steps };
  }
}

type MetricsRow = Record<string, string | Date | null>;

function stepCounts(row: MetricsRow, i: number): VariantStepCounts {
  const counts: VariantStepCounts = {
    units: Number(row[`units_${i}`]),
    reached: Number(row[`reached_${i}`]),
    deviated: Number(row[`deviated_${i}`]),
  };
  if (`sum_x_${i}` in row) {
    counts.sumX = Number(row[`sum_x_${i}`]);
    counts.sumXY = Number(row[`sum_xy_${i}`]);
  }
  return counts;
}

function emptyGroup(steps: StepSpec[], variantKeys: string[]): GroupMetrics {
  const zero = () => Object.fromEntries(variantKeys.map((key) => [key, { units: 0, reached: 0, deviated: 0 }]));
  return {
    units: Object.fromEntries(variantKeys.map((key) => [key, 0])),
    steps: Object.fromEntries(steps.map((step) => [step.key, zero()])),
  };
}
