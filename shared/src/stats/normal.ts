import { jStat } from './jstat';

// Module-level aliases: a global `Math` lookup is slow inside vm contexts (Jest), these are not.
const { abs, exp, log, sqrt } = Math;

// The standard normal distribution with accurate far tails. jstat is used where it is
// accurate (|z| < 5: relative error below 1e-10); beyond that jstat's erfc drifts (2 % off at
// z = −8, 0 at −9) and sequential boundaries live out there, so the tail comes from Laplace's
// continued fraction for the Mills ratio, which converges fast for large z.

const LOG_SQRT_2PI = 0.5 * log(2 * Math.PI);
const JSTAT_ACCURATE_BELOW = 5;

export function normalPdf(z: number): number {
  return exp(-0.5 * z * z - LOG_SQRT_2PI);
}

/** log of the Mills ratio Q(z)/φ(z) for z ≥ 5, by Lentz's evaluation of 1/(z+1/(z+2/(z+3/(z+…)))). */
function logMillsRatio(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = z + k * d;
    d = d === 0 ? tiny : d;
    c = z + k / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (abs(delta - 1) < 1e-16) break;
  }
  return -log(f);
}

/** Upper tail P(Z > z), accurate to double precision relative error in the far tail. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 1 - normalSf(-z);
  if (z > 40) return 0; // below the smallest double
  if (z < JSTAT_ACCURATE_BELOW) return jStat.normal.cdf(-z, 0, 1);
  return exp(-0.5 * z * z - LOG_SQRT_2PI + logMillsRatio(z));
}

/** Lower tail P(Z ≤ z). */
export function normalCdf(z: number): number {
  return z <= 0 ? normalSf(-z) : 1 - normalSf(z);
}

/** log P(Z > z); finite far beyond where the probability itself underflows. */
export function logNormalSf(z: number): number {
  if (z === Infinity) return -Infinity;
  if (z < JSTAT_ACCURATE_BELOW) return log(normalSf(z));
  return -0.5 * z * z - LOG_SQRT_2PI + logMillsRatio(z);
}

/**
 * The z with P(Z > z) = q, for q in (0, 1): precise for tiny q, where `inv(1 − q)` would
 * round 1 − q to 1. jstat gives the starting point; Newton on log Q refines it in the tail.
 */
export function normalUpperQuantile(q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  if (q > 0.5) return -normalUpperQuantile(1 - q);
  if (q > 1e-5) return -jStat.normal.inv(q, 0, 1);
  // Asymptotic start, then Newton on log Q(z) = log q (f' = −φ/Q = −exp(logφ − logQ)).
  const l = -2 * log(q);
  let z = sqrt(l - log(l) - log(2 * Math.PI));
  const target = log(q);
  for (let i = 0; i < 30; i++) {
    const logQ = logNormalSf(z);
    const step = (logQ - target) / exp(-0.5 * z * z - LOG_SQRT_2PI - logQ);
    z += step;
    if (abs(step) < 1e-15 * z) break;
  }
  return z;
}

/** The z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  return -normalUpperQuantile(p);
}
