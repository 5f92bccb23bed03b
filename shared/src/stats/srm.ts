import { jStat } from './jstat';
import { StatsInputError } from './stats-input.error';

export const SRM_THRESHOLD = 0.001;

export interface SrmResult {
  chiSquare: number;
  /** Chi-square goodness-of-fit p-value with (variants − 1) degrees of freedom. */
  pValue: number;
  /** p < 0.001: the split of units does not match the weights; no verdict. */
  flagged: boolean;
}

/**
 * Sample-ratio mismatch: chi-square goodness of fit of the assigned units to the configured
 * weights, for any number of variants. Weights are normalized; an experiment with no units
 * (or a single variant) has nothing to check.
 */
export function srm(units: number[], weights: number[]): SrmResult {
  if (!Array.isArray(units)) throw new StatsInputError('units', 'must be an array');
  if (!Array.isArray(weights) || weights.length !== units.length) {
    throw new StatsInputError('weights', 'must have one weight per variant');
  }
  units.forEach((n, i) => {
    if (!Number.isFinite(n) || n < 0) throw new StatsInputError(`units[${i}]`, 'must be a non-negative number');
  });
  weights.forEach((w, i) => {
    if (!Number.isFinite(w) || w <= 0) throw new StatsInputError(`weights[${i}]`, 'must be a number greater than 0');
  });
  const total = units.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (units.length < 2 || total === 0) return { chiSquare: 0, pValue: 1, flagged: false };

  let chiSquare = 0;
  for (let i = 0; i < units.length; i++) {
    const expected = (total * weights[i]) / weightSum;
    chiSquare += ((units[i] - expected) * (units[i] - expected)) / expected;
  }
  // Upper tail as 1 − regularized lower gamma P(df/2, x/2) (jstat's chi-square cdf).
  const pValue = Math.min(1, Math.max(0, 1 - jStat.chisquare.cdf(chiSquare, units.length - 1)));
  return { chiSquare, pValue, flagged: pValue < SRM_THRESHOLD };
}
