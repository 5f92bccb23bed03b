import { jStat } from './jstat';
import { requireCount, requireFinite, StatsInputError } from './stats-input.error';

function logPmf(k: number, n: number, p: number): number {
  return jStat.gammaln(n + 1) - jStat.gammaln(k + 1) - jStat.gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/**
 * Exact binomial lower tail P(X ≤ k) for X ~ Binomial(n, p).
 *
 * jStat's binomial cdf rounds its answer to 1e-10 and takes the lower tail as one minus the
 * upper one, so the small p-values an escalation is decided on lose every digit. Here the
 * smaller tail is summed term by term from its end nearest the mode outwards (each term
 * from the previous by the pmf's ratio), so it keeps full relative precision; the larger tail
 * is one minus the smaller.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  requireCount('n', n);
  requireFinite('k', k);
  requireFinite('p', p);
  if (p < 0 || p > 1) throw new StatsInputError('p', 'must lie between 0 and 1');
  k = Math.floor(k);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;

  const odds = p / (1 - p);
  if (k < n * p) {
    // Lower tail, below the mean: terms shrink as i falls from k.
    let term = Math.exp(logPmf(k, n, p));
    let sum = term;
    for (let i = k; i > 0; i--) {
      term *= i / ((n - i + 1) * odds);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, sum);
  }
  // Upper tail P(X > k), above the mean: terms shrink as i rises from k + 1.
  let term = Math.exp(logPmf(k + 1, n, p));
  let upper = term;
  for (let i = k + 1; i < n; i++) {
    term *= ((n - i) * odds) / (i + 1);
    upper += term;
    if (term < upper * 1e-17) break;
  }
  return Math.max(0, 1 - upper);
}
