import {
  compareStep,
  expectedDate,
  holm,
  informationFraction,
  msprtTau2,
  srm,
  testAlphas,
  type AnalysisMethod,
  type Comparison,
  type Direction,
  type Results,
  type StepResult,
  type VariantStepResult,
  type VerdictStep,
} from '@verdict/shared';
import type { SequentialState, StoredLook } from './analysis.entity';
import type { StepMetrics, StepSpec } from './step-metrics.query';

// Turns the counts of one run into every comparison of DESIGN §4. Pure: counts and the past
// sequential state in, results and the new state out.

export interface AnalysisPlan {
  method: AnalysisMethod;
  alpha: number;
  plannedSampleSize: number;
  baselineRate: number;
  /** In the experiment's fixed order; exactly one is the control. */
  variants: { key: string; weight: number; control: boolean }[];
  primaryStepKey: string;
  guardrailStepKeys: string[];
  expectedDirection: Direction;
  minimumEffect: number;
}

export interface ComputedResults {
  steps: StepResult[];
  srm: Results['srm'];
  progress: Results['progress'];
  sequentialState: SequentialState;
  /** The comparisons as the verdict rule reads them (with "planned sample reached"). */
  verdictSteps: VerdictStep[];
  /** The primary step reached the planned sample on every treatment (t = 1). */
  finalLook: boolean;
}

/**
 * Alpha of a step's tests, split by Bonferroni (DESIGN §5): alpha/g on a guardrail, alpha/k
 * (k treatments) on the primary step and on the steps that are only reported.
 */
export function stepAlpha(plan: AnalysisPlan, stepKey: string): number {
  const guardrails = plan.guardrailStepKeys.filter((key) => key !== plan.primaryStepKey);
  const alphas = testAlphas({
    alpha: plan.alpha,
    treatments: plan.variants.filter((variant) => !variant.control).length,
    guardrails: guardrails.length,
  });
  return guardrails.includes(stepKey) ? alphas.guardrail : alphas.primary;
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : 0);

export function computeResults(
  plan: AnalysisPlan,
  steps: StepSpec[],
  metrics: StepMetrics,
  previous: SequentialState | null,
  asOf: Date,
): ComputedResults {
  const control = plan.variants.find((variant) => variant.control);
  if (!control) throw new Error('the experiment has no control variant');
  const treatments = plan.variants.filter((variant) => !variant.control);
  const tau2 = msprtTau2(plan.minimumEffect, plan.baselineRate);
  const sequentialState: SequentialState = {};
  const verdictSteps: VerdictStep[] = [];

  const stepResults: StepResult[] = steps.map((step, index) => {
    const counts = metrics.steps[step.key];
    const previousStep = index > 0 ? metrics.steps[steps[index - 1].key] : null;
    const variants: VariantStepResult[] = plan.variants.map((variant) => {
      const c = counts[variant.key];
      const before = previousStep?.[variant.key];
      return {
        variantKey: variant.key,
        units: c.units,
        reached: c.reached,
        deviated: c.deviated,
        rate: ratio(c.reached, c.units),
        // Diagnostic only: it conditions on a post-treatment outcome, so it is never tested.
        stepThroughRate: before && before.reached > 0 ? c.reached / before.reached : null,
        deviationRate: ratio(c.deviated, c.units),
      };
    });

    const testAlpha = stepAlpha(plan, step.key);
    const controlArm = { units: counts[control.key].units, conversions: counts[control.key].reached };
    sequentialState[step.key] = {};
    const compared = treatments.map((treatment) => {
      const past = previous?.[step.key]?.[treatment.key];
      const result = compareStep({
        control: controlArm,
        treatment: { units: counts[treatment.key].units, conversions: counts[treatment.key].reached },
        method: plan.method,
        alpha: plan.alpha,
        testAlpha,
        plannedSampleSize: plan.plannedSampleSize,
        previousLooks: past?.looks ?? [],
        tau2,
        previousMsprtPValue: past?.msprtPValue ?? null,
      });
      // Keep only the looks that counted: a look whose t did not grow is no look.
      const looks: StoredLook[] = [...(past?.looks ?? [])];
      const lastT = looks.length > 0 ? looks[looks.length - 1].informationFraction : 0;
      if (result.informationFraction > lastT) {
        looks.push({ informationFraction: result.informationFraction, z: result.z });
      }
      sequentialState[step.key][treatment.key] = { looks, msprtPValue: result.msprt?.pValue ?? null };
      return { treatment, result };
    });

    const adjusted = holm(compared.map(({ result }) => result.pValue));
    const comparisons: Comparison[] = compared.map(({ treatment, result }, i) => ({
      variantKey: treatment.key,
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
    }));
    verdictSteps.push({
      stepKey: step.key,
      comparisons: comparisons.map((comparison, i) => ({
        ...comparison,
        plannedSampleReached: compared[i].result.plannedSampleReached,
      })),
    });
    return { stepKey: step.key, variants, comparisons };
  });

  const primary = verdictSteps.find((s) => s.stepKey === plan.primaryStepKey);
  const finalLook = !!primary && primary.comparisons.length > 0 && primary.comparisons.every((c) => c.plannedSampleReached);
  const unitsPerVariant = plan.variants.map((variant) => metrics.units[variant.key] ?? 0);
  const ratioCheck = srm(
    unitsPerVariant,
    plan.variants.map((variant) => variant.weight),
  );
  return {
    steps: stepResults,
    srm: { pValue: ratioCheck.pValue, flagged: ratioCheck.flagged },
    progress: progress(plan, metrics, asOf),
    sequentialState,
    verdictSteps,
    finalLook,
  };
}

/**
 * Progress on the primary step: the smallest information fraction over the treatments, and
 * the date the planned sample is expected at the assignment rate observed so far.
 */
function progress(plan: AnalysisPlan, metrics: StepMetrics, asOf: Date): Results['progress'] {
  const counts = metrics.steps[plan.primaryStepKey] ?? {};
  const control = plan.variants.find((variant) => variant.control)!;
  const fractions = plan.variants
    .filter((variant) => !variant.control)
    .map((treatment) =>
      informationFraction(counts[control.key]?.units ?? 0, counts[treatment.key]?.units ?? 0, plan.plannedSampleSize),
    );
  return {
    fraction: fractions.length > 0 ? Math.min(...fractions) : 0,
    unitsPerVariant: { ...metrics.units },
    plannedSampleSize: plan.plannedSampleSize,
    expectedDate: metrics.firstAssignedAt
      ? expectedDate({
          plannedSampleSize: plan.plannedSampleSize,
          unitsPerVariant: plan.variants.map((variant) => metrics.units[variant.key] ?? 0),
          startedAt: metrics.firstAssignedAt,
          now: asOf,
        })
      : null,
  };
}
