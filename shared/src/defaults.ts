import type { AnalysisMethod, VarianceReductionMethod } from './vocabularies';

// An experiment's settings when a request leaves them out. The server applies them on create
// and the console pre-fills its forms with them.

export const EXPERIMENT_DEFAULTS = {
  /** Family-wise false-positive rate before the Bonferroni split. */
  alpha: 0.05,
  power: 0.8,
  method: 'sequential',
  /** Minutes between scheduled analyses. */
  analysisIntervalMinutes: 60,
  /** Share of eligible units that enter the experiment. */
  coverage: 1,
  /** CUPED with a 14-day lookback before assignment. */
  varianceReduction: { method: 'cuped', lookbackDays: 14 },
} as const satisfies {
  alpha: number;
  power: number;
  method: AnalysisMethod;
  analysisIntervalMinutes: number;
  coverage: number;
  varianceReduction: { method: VarianceReductionMethod; lookbackDays: number };
};
