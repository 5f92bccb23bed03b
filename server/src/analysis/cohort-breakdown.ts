import {
  breakdownSteps,
  OUTSIDE_AUDIENCE,
  type AnalysisCounts,
  type BreakdownRow,
  type BreakdownRowCounts,
  type StepCounts,
} from '@verdict/shared';
import { cohortMembershipSql } from '../cohorts/cohort-membership.sql';
import type { BreakdownCohort } from './breakdown.query';
import type { GroupMetrics, StepMetrics } from './step-metrics.query';

/** The step-metrics groups of the cohorts: one membership condition each, in their order. */
export function membershipGroups(cohorts: BreakdownCohort[]) {
  return (param: (value: unknown) => string) => cohorts.map((cohort) => cohortMembershipSql(cohort, param));
}

const subtract = (total: StepCounts, part: StepCounts): StepCounts =>
  Object.fromEntries(
    Object.entries(total).map(([key, t]) => {
      const p = part[key] ?? { units: 0, reached: 0, deviated: 0 };
      return [key, { units: t.units - p.units, reached: t.reached - p.reached, deviated: t.deviated - p.deviated }];
    }),
  );

/** The counts outside a group: every analysed unit but the group's. */
export function outsideOf(metrics: Pick<StepMetrics, 'units' | 'steps'>, group: GroupMetrics | undefined): GroupMetrics {
  const units = Object.fromEntries(Object.entries(metrics.units).map(([key, n]) => [key, n - (group?.units[key] ?? 0)]));
  const steps = Object.fromEntries(
    Object.entries(metrics.steps).map(([stepKey, counts]) => [stepKey, subtract(counts, group?.steps[stepKey] ?? {})]),
  );
  return { units, steps };
}

/** A group's counts as the analysis core reads them (without CUPED's sums: the breakdown does not use them). */
export function groupCounts(group: GroupMetrics | undefined, variantKeys: string[], stepKeys: string[], firstAssignedAt: Date | null): AnalysisCounts {
  const zero = { units: 0, reached: 0, deviated: 0 };
  return {
    units: Object.fromEntries(variantKeys.map((key) => [key, group?.units[key] ?? 0])),
    firstAssignedAt,
    steps: Object.fromEntries(
      stepKeys.map((stepKey) => [
        stepKey,
        Object.fromEntries(variantKeys.map((key) => [key, group?.steps[stepKey]?.[key] ?? zero])),
      ]),
    ),
  };
}

export interface BreakdownRowsInput {
  /** Row labels and counts, in order. */
  rows: (Omit<BreakdownRow, 'unitsPerVariant' | 'steps'> & { label: string; counts: GroupMetrics })[];
  total: Pick<StepMetrics, 'units' | 'steps'>;
  stepKeys: string[];
  variantKeys: string[];
  controlKey: string;
  treatmentKeys: string[];
  alpha: number;
}

/** The tested rows of a breakdown (shared/src/analysis/breakdown.ts does the statistics). */
export function breakdownRows(input: BreakdownRowsInput): BreakdownRow[] {
  const rows: BreakdownRowCounts[] = input.rows.map((row) => ({ label: row.label, steps: row.counts.steps }));
  const tested = breakdownSteps({
    rows,
    total: input.total.steps,
    stepKeys: input.stepKeys,
    variantKeys: input.variantKeys,
    controlKey: input.controlKey,
    treatmentKeys: input.treatmentKeys,
    alpha: input.alpha,
  });
  return input.rows.map(({ label: _label, counts, ...identity }, i) => ({
    ...identity,
    unitsPerVariant: Object.fromEntries(input.variantKeys.map((key) => [key, counts.units[key] ?? 0])),
    steps: tested[i],
  }));
}

export { OUTSIDE_AUDIENCE };
