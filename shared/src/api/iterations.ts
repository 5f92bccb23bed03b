import type { Direction, VerdictStatus } from '../vocabularies';
import type { Results } from './analyses';
import { latestResultFrom } from './latest-result';

/** One step's lift in an iteration: the treatment against control, relative, with its interval. */
export interface IterationLift {
  stepKey: string;
  variantKey: string;
  relativeLift: number | null;
  ciRelative: [number, number] | null;
  significant: boolean;
}

/** What one version of a hypothesis learned: from the latest successful analysis of its experiments. */
export interface HypothesisIteration {
  version: number;
  statement: string;
  primaryStepKey: string;
  /** Null for a version no experiment has analysed yet. */
  experimentKey: string | null;
  analysisId: string | null;
  ranAt: string | null;
  verdict: VerdictStatus | null;
  primary: IterationLift | null;
  /** The flow's business-outcome step, for the same treatment as `primary`. */
  businessOutcome: IterationLift | null;
}

/** `GET /hypotheses/:id/iterations`: the learning across a hypothesis' versions, oldest first. */
export interface HypothesisIterations {
  hypothesisId: string;
  /** The flow's first `business_outcome` step, or null when it has none. */
  businessOutcomeStepKey: string | null;
  iterations: HypothesisIteration[];
}

/**
 * The two lifts an iteration shows, from one analysis: the primary step's for the treatment the
 * board shows (the winner, or the one furthest in the expected direction), and the business
 * outcome's for that same treatment.
 */
export function iterationLifts(
  results: Results,
  primaryStepKey: string,
  businessOutcomeStepKey: string | null,
  direction: Direction,
): Pick<HypothesisIteration, 'primary' | 'businessOutcome'> {
  const chosen = latestResultFrom(results, primaryStepKey, direction);
  if (!chosen) return { primary: null, businessOutcome: null };
  const lift = (stepKey: string | null): IterationLift | null => {
    const comparison = results.steps
      .find((step) => step.stepKey === stepKey)
      ?.comparisons.find((candidate) => candidate.variantKey === chosen.variantKey);
    if (!stepKey || !comparison) return null;
    return {
      stepKey,
      variantKey: comparison.variantKey,
      relativeLift: comparison.relativeLift,
      ciRelative: comparison.ciRelative,
      significant: comparison.significant,
    };
  };
  return { primary: lift(primaryStepKey), businessOutcome: lift(businessOutcomeStepKey) };
}
