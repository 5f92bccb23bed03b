import { decideVerdict, type VerdictDecision } from '@verdict/shared';
import type { AnalysisPlan, ComputedResults } from './analysis-results';

/**
 * The verdict of one analysis (DESIGN §5). `stopped` marks the final analysis of an experiment
 * a person stopped: what is undecided by then is inconclusive.
 */
export function decide(plan: AnalysisPlan, computed: ComputedResults, stopped: boolean): VerdictDecision {
  const control = plan.variants.find((variant) => variant.control)!;
  return decideVerdict({
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
    stopped,
    progress: computed.progress.fraction,
  });
}
