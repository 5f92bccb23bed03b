import { compareStep } from '../stats/compare-step';
import { holm } from '../stats/holm';
import type { VerdictComparison } from '../verdict/verdict.types';
import type { AnalysisMethod } from '../vocabularies';
import type { Comparison, StepCounts, TreatmentState, VariantStepResult } from './analysis.types';

export interface CompareTreatmentsInput {
  /** variant key → counts on the step compared. */
  counts: StepCounts;
  controlKey: string;
  treatmentKeys: string[];
  method: AnalysisMethod;
  /** The level of the reported intervals. */
  alpha: number;
  /** The step's Bonferroni-split alpha (`alphaSplit(…).forStep(stepKey)`). */
  testAlpha: number;
  plannedSampleSize: number;
  /** mSPRT mixing variance (`msprtTau2`); needed for method msprt. */
  tau2?: number;
  /** treatment key → what the previous analysis left for this step. */
  previous?: Record<string, TreatmentState> | null;
}

export interface CompareTreatmentsResult {
  /** In the order of `treatmentKeys`, fixed-horizon p-values Holm-adjusted across them. */
  comparisons: Comparison[];
  /** The same comparisons as the verdict rule reads them. */
  verdictComparisons: VerdictComparison[];
  /** treatment key → state for the next analysis. */
  state: Record<string, TreatmentState>;
}

const ZERO = { units: 0, reached: 0, deviated: 0 };

/**
 * Every treatment against control on one step: the per-step comparison that the analysis runs
 * on each step and that a breakdown can run on any other population's counts.
 */
export function compareTreatments(input: CompareTreatmentsInput): CompareTreatmentsResult {
  const arm = (key: string) => {
    const counts = input.counts[key] ?? ZERO;
    return { units: counts.units, conversions: counts.reached };
  };
  // CUPED's covariate sums, when the counts carry them (the experiment uses CUPED).
  const covariateOf = (key: string) => {
    const counts = input.counts[key];
    return counts?.sumX !== undefined && counts.sumXY !== undefined ? { sumX: counts.sumX, sumXY: counts.sumXY } : null;
  };
  const control = arm(input.controlKey);
  const controlCovariate = covariateOf(input.controlKey);
  const state: Record<string, TreatmentState> = {};
  const compared = input.treatmentKeys.map((key) => {
    const past = input.previous?.[key];
    const treatmentCovariate = covariateOf(key);
    const result = compareStep({
      control,
      treatment: arm(key),
      method: input.method,
      alpha: input.alpha,
      testAlpha: input.testAlpha,
      plannedSampleSize: input.plannedSampleSize,
      previousLooks: past?.looks ?? [],
      tau2: input.tau2,
      previousMsprtPValue: past?.msprtPValue ?? null,
      covariate: controlCovariate && treatmentCovariate ? { control: controlCovariate, treatment: treatmentCovariate } : null,
    });
    // Keep only the looks that counted: a look whose t did not grow is no look.
    const looks = [...(past?.looks ?? [])];
    const lastT = looks.length > 0 ? looks[looks.length - 1].informationFraction : 0;
    if (result.informationFraction > lastT) looks.push({ informationFraction: result.informationFraction, z: result.z });
    state[key] = { looks, msprtPValue: result.msprt?.pValue ?? null };
    return { key, result };
  });

  const adjusted = holm(compared.map(({ result }) => result.pValue));
  const comparisons: Comparison[] = compared.map(({ key, result }, i) => ({
    variantKey: key,
    absoluteLift: result.absoluteLift,
    relativeLift: result.relativeLift,
    ciAbsolute: result.ciAbsolute,
    ciRelative: result.ciRelative,
    pValue: result.pValue,
    adjustedPValue: adjusted[i],
    significant: result.significant,
    sequential: result.sequential,
    msprt: result.msprt,
    chanceToBeatControl: result.chanceToBeatControl,
    expectedLoss: result.expectedLoss,
    unadjusted: result.unadjusted,
    cuped: result.cuped,
  }));
  const verdictComparisons = comparisons.map((comparison, i) => ({
    ...comparison,
    plannedSampleReached: compared[i].result.plannedSampleReached,
    cuped: compared[i].result.cuped,
  }));
  return { comparisons, verdictComparisons, state };
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : 0);

/** Counts and rates per variant on one step; `before` is the previous step's counts, if any. */
export function variantRates(variantKeys: string[], counts: StepCounts, before: StepCounts | null): VariantStepResult[] {
  return variantKeys.map((key) => {
    const c = counts[key] ?? ZERO;
    const previous = before?.[key];
    return {
      variantKey: key,
      units: c.units,
      reached: c.reached,
      deviated: c.deviated,
      rate: ratio(c.reached, c.units),
      // Diagnostic only: it conditions on a post-treatment outcome, so it is never tested.
      stepThroughRate: previous && previous.reached > 0 ? c.reached / previous.reached : null,
      deviationRate: ratio(c.deviated, c.units),
      ...(c.excluded !== undefined ? { excluded: c.excluded } : {}),
    };
  });
}
