import type { Direction, Experiment, HypothesisSummary, Results } from '@verdict/shared';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getResults } from '../api/analyses';
import { queryKeys } from './query-keys';
import { useExperiments } from './use-experiments';

export type LatestResult = NonNullable<HypothesisSummary['latestResult']>;

/**
 * The board's "current lift" from an experiment's latest results: the primary step's comparison
 * of the winning treatment (or, before a decision, the one furthest in the expected direction).
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

/** The experiment whose results the board shows: the latest one of the hypothesis that has started. */
function currentExperiment(experiments: Experiment[], hypothesis: HypothesisSummary): Experiment | undefined {
  return experiments
    .filter((experiment) => experiment.hypothesisId === hypothesis.id && experiment.status !== 'draft')
    .sort((a, b) => String(b.startedAt ?? '').localeCompare(String(a.startedAt ?? '')))[0];
}

/**
 * Latest results per hypothesis for the board. Uses `latestResult` when the API sends it, and
 * otherwise reads the results of each hypothesis's current experiment (shared with the
 * experiment page's cache).
 */
export function useBoardResults(hypotheses: HypothesisSummary[]): Map<string, LatestResult> {
  const needsLookup = hypotheses.some((hypothesis) => hypothesis.latestResult === undefined && hypothesis.status !== 'draft');
  const experiments = useExperiments({ enabled: needsLookup });
  const wanted = useMemo(() => {
    const items = experiments.data?.items ?? [];
    return hypotheses
      .filter((hypothesis) => hypothesis.latestResult === undefined && hypothesis.status !== 'draft')
      .map((hypothesis) => ({ hypothesis, experiment: currentExperiment(items, hypothesis) }))
      .filter((pair): pair is { hypothesis: HypothesisSummary; experiment: Experiment } => Boolean(pair.experiment));
  }, [hypotheses, experiments.data]);
  const results = useQueries({
    queries: wanted.map(({ experiment }) => ({
      queryKey: queryKeys.results(experiment.key),
      queryFn: () => getResults(experiment.key),
    })),
  });
  const map = new Map<string, LatestResult>();
  for (const hypothesis of hypotheses) if (hypothesis.latestResult) map.set(hypothesis.id, hypothesis.latestResult);
  wanted.forEach(({ hypothesis }, index) => {
    const data = results[index]?.data;
    const latest = data ? latestResultFrom(data, hypothesis.primaryStepKey, hypothesis.expectedDirection) : null;
    if (latest) map.set(hypothesis.id, latest);
  });
  return map;
}
