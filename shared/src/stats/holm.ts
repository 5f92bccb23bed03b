import { StatsInputError } from './stats-input.error';

/**
 * Holm–Bonferroni step-down adjusted p-values, in input order: sort ascending, multiply the
 * i-th smallest (0-based) by (m − i), carry the running maximum, cap at 1.
 */
export function holm(pValues: number[]): number[] {
  if (!Array.isArray(pValues)) throw new StatsInputError('pValues', 'must be an array');
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new StatsInputError(`pValues[${i}]`, 'must be a number between 0 and 1');
  });
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
