import type { AnalysisMethod } from '../vocabularies';
import { PLANNED_LOOKS, sequentialInflation } from './group-sequential';
import { sampleSizePerVariant, type SampleSizeInput } from './sample-size';
import { StatsInputError } from './stats-input.error';

export interface SamplePlanInput extends SampleSizeInput {
  method: AnalysisMethod;
  /** Share of the variance CUPED is expected to remove on the primary step, in [0, 1); default 0. */
  expectedVarianceReduction?: number;
}

export interface SamplePlan {
  /** Units per variant to plan for. */
  plannedSampleSize: number;
  /** The same plan without variance reduction. */
  plannedSampleSizeWithout: number;
  /** The fixed-horizon z-test's units per variant (sampleSizePerVariant). */
  fixedHorizon: number;
  /** Extra information the method needs for the same power (1 for fixed and msprt). */
  inflation: number;
  expectedVarianceReduction: number;
}

/**
 * Units per variant for the test the experiment actually runs: the fixed-horizon size, times
 * the group-sequential inflation for `sequential` (its early looks cost a little power, so the
 * plan grows to keep the power promised), times 1 − the expected variance reduction (CUPED
 * needs that much less data for the same precision). `fixed` tests once at the planned sample;
 * `msprt` has no planned horizon to inflate.
 */
export function planSampleSize(input: SamplePlanInput): SamplePlan {
  const reduction = input.expectedVarianceReduction ?? 0;
  if (!(Number.isFinite(reduction) && reduction >= 0 && reduction < 1)) {
    throw new StatsInputError('expectedVarianceReduction', 'must be a number in [0, 1)');
  }
  const fixedHorizon = sampleSizePerVariant(input);
  const inflation =
    input.method === 'sequential'
      ? sequentialInflation({ alpha: input.alpha / (input.treatments ?? 1), power: input.power, looks: PLANNED_LOOKS })
      : 1;
  // The tiny slack keeps an exact integer (up to rounding noise) from becoming the next one.
  const size = (factor: number) => Math.max(1, Math.ceil(fixedHorizon * inflation * factor - 1e-9));
  return {
    plannedSampleSize: size(1 - reduction),
    plannedSampleSizeWithout: size(1),
    fixedHorizon,
    inflation,
    expectedVarianceReduction: reduction,
  };
}
