import { alphaSplit, type AlphaSplit } from '../stats/alpha-split';
import { informationFraction } from '../stats/compare-step';
import { expectedDate } from '../stats/expected-date';
import { msprtTau2 } from '../stats/msprt';
import { srm } from '../stats/srm';
import { decideVerdict } from '../verdict/decide-verdict';
import type { VerdictResult, VerdictStep } from '../verdict/verdict.types';
import type {
  AnalysisCounts,
  AnalysisPlan,
  AnalysisProgress,
  SequentialState,
  SrmCheck,
  StepResult,
} from './analysis.types';
import { compareTreatments, variantRates } from './compare-treatments';

export interface ComputedResults {
  steps: StepResult[];
  srm: SrmCheck;
  progress: AnalysisProgress;
  sequentialState: SequentialState;
  /** The Bonferroni split the steps were tested at. */
  alphaSplit: AlphaSplit;
  /** The comparisons as the verdict rule reads them (with "planned sample reached"). */
  verdictSteps: VerdictStep[];
  /** The primary step reached the planned sample on every treatment (t = 1). */
  finalLook: boolean;
}

/**
 * Every comparison of one analysis from its counts: per step the variants' rates and each
 * treatment against control at the step's split alpha, the sample-ratio check and the progress.
 * Pure: the counts and the previous analysis' sequential state in, results and the new state out.
 */
export function computeResults(
  plan: AnalysisPlan,
  steps: readonly { key: string }[],
  counts: AnalysisCounts,
  previous: SequentialState | null,
  asOf: Date,
): ComputedResults {
  const control = plan.variants.find((variant) => variant.control);
  if (!control) throw new Error('the experiment has no control variant');
  const variantKeys = plan.variants.map((variant) => variant.key);
  const treatmentKeys = plan.variants.filter((variant) => !variant.control).map((variant) => variant.key);
  const split = alphaSplit({
    alpha: plan.alpha,
    treatments: treatmentKeys.length,
    primaryStepKey: plan.primaryStepKey,
    guardrailStepKeys: plan.guardrailStepKeys,
  });
  const tau2 = msprtTau2(plan.minimumEffect, plan.baselineRate);
  const sequentialState: SequentialState = {};
  const verdictSteps: VerdictStep[] = [];

  const stepResults = steps.map((step, index): StepResult => {
    const stepCounts = counts.steps[step.key] ?? {};
    const before = index > 0 ? (counts.steps[steps[index - 1].key] ?? {}) : null;
    const compared = compareTreatments({
      counts: stepCounts,
      controlKey: control.key,
      treatmentKeys,
      method: plan.method,
      alpha: plan.alpha,
      testAlpha: split.forStep(step.key),
      plannedSampleSize: plan.plannedSampleSize,
      tau2,
      previous: previous?.[step.key],
    });
    sequentialState[step.key] = compared.state;
    verdictSteps.push({ stepKey: step.key, comparisons: compared.verdictComparisons });
    const variants = variantRates(variantKeys, stepCounts, before);
    const excluded = variants.some((variant) => variant.excluded !== undefined)
      ? { excluded: variants.reduce((sum, variant) => sum + (variant.excluded ?? 0), 0) }
      : {};
    return { stepKey: step.key, ...excluded, variants, comparisons: compared.comparisons };
  });

  const primary = verdictSteps.find((s) => s.stepKey === plan.primaryStepKey);
  const finalLook = !!primary && primary.comparisons.length > 0 && primary.comparisons.every((c) => c.plannedSampleReached);
  const ratioCheck = srm(
    variantKeys.map((key) => counts.units[key] ?? 0),
    plan.variants.map((variant) => variant.weight),
  );
  return {
    steps: stepResults,
    srm: { pValue: ratioCheck.pValue, flagged: ratioCheck.flagged },
    progress: progress(plan, counts, asOf),
    sequentialState,
    alphaSplit: split,
    verdictSteps,
    finalLook,
  };
}

/**
 * Progress on the primary step: the smallest information fraction over the treatments, and
 * the date the planned sample is expected at the assignment rate observed so far.
 */
function progress(plan: AnalysisPlan, counts: AnalysisCounts, asOf: Date): AnalysisProgress {
  const primary = counts.steps[plan.primaryStepKey] ?? {};
  const control = plan.variants.find((variant) => variant.control)!;
  const fractions = plan.variants
    .filter((variant) => !variant.control)
    .map((treatment) =>
      informationFraction(primary[control.key]?.units ?? 0, primary[treatment.key]?.units ?? 0, plan.plannedSampleSize),
    );
  return {
    fraction: fractions.length > 0 ? Math.min(...fractions) : 0,
    unitsPerVariant: { ...counts.units },
    plannedSampleSize: plan.plannedSampleSize,
    expectedDate: counts.firstAssignedAt
      ? expectedDate({
          plannedSampleSize: plan.plannedSampleSize,
          unitsPerVariant: plan.variants.map((variant) => counts.units[variant.key] ?? 0),
          startedAt: counts.firstAssignedAt,
          now: asOf,
        })
      : null,
  };
}

export interface AnalysisInput {
  plan: AnalysisPlan;
  /** The flow's steps, in order. */
  steps: readonly { key: string }[];
  counts: AnalysisCounts;
  /** The experiment's latest successful analysis, if any. */
  previous: { sequentialState: SequentialState | null; verdict: VerdictResult | null } | null;
  /** Counts were taken as of this instant. */
  asOf: Date;
  /** The final analysis of an experiment a person stopped: what is undecided then is inconclusive. */
  stopped: boolean;
}

export interface AnalysisOutput extends ComputedResults {
  verdict: VerdictResult;
  /** A final verdict was reached before: it stands, and this analysis is only more evidence. */
  postDecision: boolean;
}

/** One analysis, counts in, results and verdict out. */
export function analyse(input: AnalysisInput): AnalysisOutput {
  const { plan } = input;
  const computed = computeResults(plan, input.steps, input.counts, input.previous?.sequentialState ?? null, input.asOf);
  // After a final verdict nothing moves it: later runs are kept as post-decision evidence.
  const decided = input.previous?.verdict?.final ? input.previous.verdict : null;
  if (decided) return { ...computed, verdict: decided, postDecision: true };
  const control = plan.variants.find((variant) => variant.control)!;
  const verdict = decideVerdict({
    method: plan.method,
    alpha: plan.alpha,
    direction: plan.expectedDirection,
    minimumEffect: plan.minimumEffect,
    primaryStepKey: plan.primaryStepKey,
    guardrailStepKeys: plan.guardrailStepKeys,
    controlKey: control.key,
    treatmentKeys: plan.variants.filter((variant) => !variant.control).map((variant) => variant.key),
    steps: computed.verdictSteps,
    srm: computed.srm,
    finalLook: computed.finalLook,
    stopped: input.stopped,
    progress: computed.progress.fraction,
    alphaSplit: computed.alphaSplit,
  });
  return { ...computed, verdict, postDecision: false };
}
