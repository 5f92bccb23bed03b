import type { AnalysisPlan } from '@verdict/shared';
import type { ExperimentEntity } from '../experiments/experiment.entity';
import type { HypothesisVersionEntity } from '../hypotheses/hypothesis-version.entity';

/** What an analysis judges by: the experiment's design and the hypothesis version it tests. */
export function analysisPlan(experiment: ExperimentEntity, version: HypothesisVersionEntity): AnalysisPlan {
  return {
    method: experiment.method,
    alpha: experiment.alpha,
    plannedSampleSize: experiment.plannedSampleSize,
    baselineRate: experiment.baselineRate,
    variants: experiment.variants,
    primaryStepKey: version.primaryStepKey,
    guardrailStepKeys: version.guardrailStepKeys ?? [],
    expectedDirection: version.expectedDirection,
    minimumEffect: version.minimumEffect,
  };
}
