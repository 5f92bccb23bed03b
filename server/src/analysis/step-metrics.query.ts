import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Milestone } from '@verdict/shared';
import { groupedStatement, type StatementParts } from './grouped-step-metrics.sql';

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
  /** Relative milestones: units whose window closed but whose attribute is not a number > 0. */
  excluded?: number;
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
 *    milestone step it keeps the aligned times themselves, to count those inside the window; for
 *    a step a composite milestone counts, its first aligned time too.
 * 2. Every non-forced assignment of the experiment is joined to its unit's row (units without
 *    events count too) and counted per variant, with one triple of columns per step. A relative
 *    milestone multiplies N by the assignment's attribute (a JSON number > 0; other units leave
 *    the step's population and are counted in an `excluded` column); a composite one adds up
 *    which of its steps had an aligned event in the window.
 *
 * With a lookback (CUPED), `per_unit` also keeps each step's first aligned time, and every
 * assignment checks once per step whether an aligned time lies in [assignedAt − L, assignedAt):
 * the covariate X, summed per variant with X·Y beside the counts (Y = reached, so ΣY² = ΣY).
 * The first and last times decide it for almost every unit; the rest are settled by a range
 * read of the events index (plain steps) or the milestone's own array of times.
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
  // The count columns, each as [name, expression].
  const countColumns: [string, string][] = [];
  const covariates: string[] = [];
  const stepKeys: string[] = [];
  const cuped = input.lookbackDays !== undefined && input.lookbackDays !== null;
  const lookback = cuped ? `make_interval(days => ${param(input.lookbackDays)}::int)` : '';
  // Whether one of a step's aligned times lies in [start, end). Its first and last aligned times
  // decide it for almost every unit; only a unit with aligned events on both sides of the window
  // needs a closer look: `closer(start, end)`.
  type Closer = (start: string, end: string) => string;
  const alignedIn = (first: string, last: string, closer: Closer, start: string, end: string) =>
    `CASE WHEN ${first} IS NULL OR ${first} >= ${end} OR ${last} < ${start} THEN false
         WHEN ${first} >= ${start} OR ${last} < ${end} THEN true
         ELSE ${closer(start, end)} END`;
  // Per step, the columns of per_unit that hold its first and last aligned times, and its closer look.
  const alignedColumns: { first: string; last: string; closer: Closer }[] = [];
  const alignedInWindow = (j: number, start: string, end: string) => {
    const { first, last, closer } = alignedColumns[j];
    return alignedIn(first, last, closer, start, end);
  };
  // X of step j for this assignment: an aligned time in [assignedAt − L, assignedAt).
  const covariateFor = (j: number) => alignedInWindow(j, `a.assigned_at - ${lookback}`, 'a.assigned_at');
  const covariateColumns = (i: number, population: string, reached: string): [string, string][] =>
    cuped
      ? [
          [`sum_x_${i}`, `count(*) FILTER (WHERE ${population}x.x_${i})`],
          [`sum_xy_${i}`, `count(*) FILTER (WHERE ${population}x.x_${i} AND ${reached})`],
        ]
      : [];
  const indexOf = new Map(input.steps.map((step, i) => [step.key, i]));
  // Steps a composite milestone counts: their first aligned time is kept too.
  const counted = new Set(input.steps.flatMap((step) => step.milestone?.anyOf ?? []).map((key) => indexOf.get(key)));

  // First every step's per-unit columns, so that a composite milestone can read any step's aligned
  // times, one after it in the flow too; then the counts.
  input.steps.forEach((step, i) => {
    const key = param(step.key);
    stepKeys.push(key);
    const on = (outcome: string) => `FILTER (WHERE e.step_key = ${key} AND e.outcome = '${outcome}')`;
    unitColumns.push(`max(e.occurred_at) ${on('deviated')} AS deviated_${i}`);
    const composite = step.milestone?.anyOf !== undefined;
    if (step.milestone && !composite) {
      unitColumns.push(`array_agg(e.occurred_at) ${on('aligned')} AS aligned_${i}`);
      if (cuped) {
        unitColumns.push(
          `min(e.occurred_at) ${on('aligned')} AS first_aligned_${i}`,
          `max(e.occurred_at) ${on('aligned')} AS last_aligned_${i}`,
        );
        const unnested: Closer = (start, end) =>
          `EXISTS (SELECT 1 FROM unnest(p.aligned_${i}) AS t(at) WHERE t.at >= ${start} AND t.at < ${end})`;
        alignedColumns[i] = { first: `p.first_aligned_${i}`, last: `p.last_aligned_${i}`, closer: unnested };
      }
    } else if (!step.milestone && (cuped || counted.has(i))) {
      // `aligned_${i}` (below) is the last aligned time of a plain step. The rare undecided unit is
      // looked up in the events index (a range read), so no unit carries an array of its times
      // through the aggregation.
      unitColumns.push(`min(e.occurred_at) ${on('aligned')} AS first_aligned_${i}`);
      const lookup: Closer = (start, end) => `EXISTS (SELECT 1 FROM step_events w
           WHERE w.flow_key = $2 AND w.unit_id = a.unit_id AND w.step_key = ${key}
             AND w.occurred_at >= ${start} AND w.occurred_at < ${end} AND w.occurred_at <= $3
             AND w.outcome = 'aligned')`;
      alignedColumns[i] = { first: `p.first_aligned_${i}`, last: `p.aligned_${i}`, closer: lookup };
    }
    if (!step.milestone) unitColumns.push(`max(e.occurred_at) ${on('aligned')} AS aligned_${i}`);
  });

  input.steps.forEach((step, i) => {
    if (!step.milestone) {
      if (cuped) covariates.push(`${covariateFor(i)} AS x_${i}`);
      countColumns.push(
        [`units_${i}`, 'count(*)'],
        [`reached_${i}`, `count(*) FILTER (WHERE p.aligned_${i} >= a.assigned_at)`],
        [`deviated_${i}`, `count(*) FILTER (WHERE p.deviated_${i} >= a.assigned_at)`],
        ...covariateColumns(i, '', `p.aligned_${i} >= a.assigned_at`),
      );
      return;
    }
    // A milestone is judged over [assignedAt, assignedAt + D days), on the units whose window has
    // closed (assigned at least D days before the analysis).
    const milestone = step.milestone;
    const composite = milestone.anyOf !== undefined;
    const window = `make_interval(days => ${param(milestone.withinDays)}::int)`;
    const end = `a.assigned_at + ${window}`;
    let population = `a.assigned_at <= $3::timestamptz - ${window}`;
    let reached: string;
    const excluded: [string, string][] = [];
    if (composite) {
      // Composite: at least k of the anyOf steps had an aligned event in the window.
      const components = (milestone.anyOf ?? []).map((stepKey) => indexOf.get(stepKey)!);
      const inWindow = (j: number) => `(${alignedInWindow(j, 'a.assigned_at', end)})::int`;
      const atLeast = param(milestone.atLeast);
      reached = `(${components.map(inWindow).join('\n          + ')}) >= ${atLeast}::int`;
      if (cuped) {
        // X: as many of them active in the lookback window before assignment.
        covariates.push(`(${components.map((j) => `(${covariateFor(j)})::int`).join(' + ')}) >= ${atLeast}::int AS x_${i}`);
      }
    } else {
      const events = `(SELECT count(*) FROM unnest(p.aligned_${i}) AS t(at)
          WHERE t.at >= a.assigned_at AND t.at < ${end})`;
      const minEvents = param(milestone.minEvents);
      if (milestone.perAttribute !== undefined) {
        // Relative: N × the attribute at assignment, when it is a JSON number > 0 (the CASE keeps
        // a string from ever reaching the cast); other units are left out and counted apart.
        const name = param(milestone.perAttribute);
        const value = `(CASE WHEN jsonb_typeof(a.attributes -> ${name}::text) = 'number' THEN (a.attributes ->> ${name}::text)::numeric END)`;
        excluded.push([`excluded_${i}`, `count(*) FILTER (WHERE ${population} AND (${value} > 0) IS NOT TRUE)`]);
        population = `${population} AND ${value} > 0`;
        reached = `${events} >= ${minEvents}::numeric * ${value}`;
      } else {
        reached = `${events} >= ${minEvents}::int`;
      }
      if (cuped) covariates.push(`${covariateFor(i)} AS x_${i}`);
    }
    countColumns.push(
      [`units_${i}`, `count(*) FILTER (WHERE ${population})`],
      [`reached_${i}`, `count(*) FILTER (WHERE ${population} AND ${reached})`],
      [`deviated_${i}`, `count(*) FILTER (WHERE ${population} AND p.deviated_${i} >= a.assigned_at)`],
      ...excluded,
      ...covariateColumns(i, `${population} AND `, reached),
    );
  });
  // One lateral row per assignment holds its covariates, so each is computed once.
  const covariateJoin = covariates.length > 0 ? `\nLEFT JOIN LATERAL (SELECT ${covariates.join(',\n       ')}) x ON true` : '';

  const parts: StatementParts = {
    perUnit: `
WITH per_unit AS (
  SELECT e.unit_id,
         ${unitColumns.join(',\n         ')}
  FROM step_events e
  WHERE e.flow_key = $2 AND e.occurred_at <= $3 AND e.step_key IN (${stepKeys.join(', ')})
  GROUP BY e.unit_id
)`,
    counts: countColumns.map(([name, expression]) => `${expression} AS ${name}`).join(',\n       '),
    countNames: countColumns.map(([name]) => name),
    joins: `LEFT JOIN per_unit p ON p.unit_id = a.unit_id${covariateJoin}`,
    assignments: 'a.experiment_id = $1 AND NOT a.forced AND a.assigned_at <= $3',
  };
  // Cohort breakdown: the same statement, grouped by membership too (grouped-step-metrics.sql.ts).
  if (input.groups) return { sql: groupedStatement(parts, input.groups(param)), params };
  const sql = `${parts.perUnit}
SELECT a.variant_key, count(*) AS total_units, min(a.assigned_at) AS first_assigned_at,
       ${parts.counts}
FROM assignments a
${parts.joins}
WHERE ${parts.assignments}
GROUP BY a.variant_key`;
  return { sql, params };
}

@Injectable()
export class StepMetricsQuery {
  /** Runs the aggregation on the given manager (the analysis' transaction, which takes its settings). */
  async run(manager: EntityManager, input: StepMetricsInput, variantKeys: string[]): Promise<StepMetrics> {
    const { sql, params } = stepMetricsStatement(input);
    await manager.query(STEP_METRICS_SETTINGS);
    const rows: MetricsRow[] = await manager.query(sql, params);

    const { units, steps } = emptyCounts(input.steps, variantKeys);
    let firstAssignedAt: Date | null = null;
    // Groups no unit belongs to stay absent.
    const groups: (GroupMetrics | undefined)[] | undefined = input.groups ? [] : undefined;
    for (const row of rows) {
      const variantKey = row.variant_key as string;
      // A unit assigned to a variant no longer in the experiment's list is not analysed.
      if (!(variantKey in units)) continue;
      const group = row.group_index === undefined ? -1 : Number(row.group_index);
      if (groups && group >= 0) {
        const counts = (groups[group] ??= emptyCounts(input.steps, variantKeys));
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
  if (`excluded_${i}` in row) counts.excluded = Number(row[`excluded_${i}`]);
  if (`sum_x_${i}` in row) {
    counts.sumX = Number(row[`sum_x_${i}`]);
    counts.sumXY = Number(row[`sum_xy_${i}`]);
  }
  return counts;
}

/** Zero counts for every step and variant (with `excluded` where a relative milestone has it): the totals' and each group's start. */
function emptyCounts(steps: StepSpec[], variantKeys: string[]): GroupMetrics {
  const zero = (step: StepSpec): VariantStepCounts =>
    step.milestone?.perAttribute !== undefined ? { units: 0, reached: 0, deviated: 0, excluded: 0 } : { units: 0, reached: 0, deviated: 0 };
  return {
    units: Object.fromEntries(variantKeys.map((key) => [key, 0])),
    steps: Object.fromEntries(steps.map((step) => [step.key, Object.fromEntries(variantKeys.map((key) => [key, zero(step)]))])),
  };
}
