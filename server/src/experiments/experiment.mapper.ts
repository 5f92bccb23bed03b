import type { Experiment, ExperimentSummary } from '@verdict/shared';
import { ExperimentEntity } from './experiment.entity';

export function toExperimentSummary(experiment: ExperimentEntity): ExperimentSummary {
  return {
    id: experiment.id,
    key: experiment.key,
    name: experiment.name,
    hypothesisId: experiment.hypothesisId,
    hypothesisVersion: experiment.hypothesisVersion,
    status: experiment.status,
    method: experiment.method,
    startedAt: experiment.startedAt?.toISOString() ?? null,
    stoppedAt: experiment.stoppedAt?.toISOString() ?? null,
  };
}

/** Needs `experiment.flow` loaded (for `flowKey`). */
export function toExperiment(experiment: ExperimentEntity): Experiment {
  return {
    ...toExperimentSummary(experiment),
    variants: experiment.variants.map((v) => ({ key: v.key, name: v.name, weight: v.weight, control: v.control })),
    coverage: experiment.coverage,
    seed: experiment.seed,
    targetCohortKeys: experiment.targetCohortKeys,
    alpha: experiment.alpha,
    power: experiment.power,
    baselineRate: experiment.baselineRate,
    plannedSampleSize: experiment.plannedSampleSize,
    plannedSampleSizeWithout: experiment.plannedSampleSizeWithout,
    expectedVarianceReduction: experiment.expectedVarianceReduction,
    varianceReduction: { method: experiment.varianceReductionMethod, lookbackDays: experiment.lookbackDays },
    analysisIntervalMinutes: experiment.analysisIntervalMinutes,
    forcedVariants: experiment.forcedVariants,
    flowKey: experiment.flow?.key ?? '',
    createdAt: experiment.createdAt.toISOString(),
    updatedAt: experiment.updatedAt.toISOString(),
  };
}
