// Cohort learning: the breakdown stored with every analysis and the cohort expectations of a
// hypothesis version (docs/analysis.md, "Cohort learning").
import type { VariantStepResult } from '../analysis/analysis.types';
import type { CohortKind } from '../vocabularies';
import type { ExpectationState } from '../analysis/cohort-expectations';

export const EXPECTATION_DIRECTIONS = ['increase', 'decrease', 'no_harm'] as const;
export type ExpectationDirection = (typeof EXPECTATION_DIRECTIONS)[number];

/** Most cohort expectations one hypothesis version may carry. */
export const MAX_COHORT_EXPECTATIONS = 10;

/** A pre-registered expectation of one cohort on one step. */
export interface CohortExpectation {
  cohortKey: string;
  stepKey: string;
  direction: ExpectationDirection;
  /** Relative, > 0; absent: the hypothesis' minimum effect (no_harm: a 10 % fall). */
  minimumEffect?: number | null;
  /** The cohort's expected rate on the step in control, 0 < p < 1. */
  baselineRate: number;
}

export const EXPECTATION_STATUSES = ['running', 'validated', 'refuted', 'inconclusive', 'blocked'] as const;
export type ExpectationStatus = (typeof EXPECTATION_STATUSES)[number];

export interface ExpectationResult {
  cohortKey: string;
  stepKey: string;
  direction: ExpectationDirection;
  status: ExpectationStatus;
  reason: string;
  /** Smallest n_eff(in cohort) / plan over the treatments, capped at 1. */
  informationFraction: number;
  /** Planned units per variant inside the cohort. */
  plan: number;
}

/** The cohort's effect against the effect in the units outside it. */
export interface DifferentialImpact {
  /** d_inside − d_outside (absolute lifts). */
  difference: number;
  z: number;
  pValue: number;
  /** Holm over the cohorts of this step and treatment. */
  adjustedPValue: number;
  flagged: boolean;
  /** One sentence for a PM when flagged, else null. */
  summary: string | null;
}

export interface BreakdownComparison {
  variantKey: string;
  absoluteLift: number;
  relativeLift: number | null;
  ciAbsolute: [number, number];
  ciRelative: [number, number] | null;
  /** Fixed-horizon, two-sided. */
  pValue: number;
  /** Holm over the step's family: rows × treatments. */
  adjustedPValue: number;
  differentialImpact: DifferentialImpact;
}

export interface BreakdownStep {
  stepKey: string;
  variants: VariantStepResult[];
  comparisons: BreakdownComparison[];
}

/** `outside_audience`: the units outside the hypothesis' audience cohort. */
export type BreakdownRowKind = CohortKind | 'outside_audience';
export const OUTSIDE_AUDIENCE = 'outside_audience';

export interface BreakdownRow {
  /** Cohort rows: the cohort's key (or `outside_audience`). */
  cohortKey?: string;
  /** Cohort rows: its name and kind. */
  name?: string;
  kind?: BreakdownRowKind;
  /** Attribute rows (`?by=attribute:NAME`). */
  attribute?: string;
  value?: string;
  unitsPerVariant: Record<string, number>;
  steps: BreakdownStep[];
}

export interface Breakdown {
  analysisId: string;
  ranAt: string;
  /** The hypothesis version's audience cohort the verdict was judged on, if any. */
  audienceCohortKey: string | null;
  cohorts: BreakdownRow[];
  expectations: ExpectationResult[];
}

/** What an analysis stores of the breakdown (the API adds its id and time). */
export interface StoredBreakdown {
  audienceCohortKey: string | null;
  cohorts: BreakdownRow[];
  expectations: ExpectationResult[];
  /** `cohortKey:stepKey` → what the next analysis needs of that expectation. */
  expectationState: Record<string, ExpectationState>;
}
