import type { Direction } from '../vocabularies';
import type { Results } from './analyses';
import type { HypothesisSummary } from './hypotheses';

export type LatestResult = NonNullable<HypothesisSummary['latestResult']>;

/**
 * A hypothesis' "current lift" from its experiment's latest results: the primary step's
 * comparison of the winning treatment (or, before a decision, the one furthest in the expected
 * direction), with progress to the planned sample. The board shows it; the server and the
 * console both compute it with this function.
 */
export function latestResultFrom(results: Results, primaryStepKey: string, direction: Direction): LatestResult | null {
  const step = results.steps.find((candidate) => candidate.stepKey === primaryStepKey);
  if (!step || step.comparisons.length === 0) return null;
  const sign = direction === 'increase' ? 1 : -1;
  const chosen =
    step.comparisons.find((comparison) => comparison.variantKey === results.verdict.variantKey) ??
    [...step.comparisons].sort((a, b) => sign * (b.absoluteLift - a.absoluteLift))[0];
  return {
    experimentKey: results.experimentKey,
    variantKey: chosen.variantKey,
    relativeLift: chosen.relativeLift,
    ciRelative: chosen.ciRelative,
    progress: results.progress.fraction,
  };
}
