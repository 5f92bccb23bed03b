import { normalSf, normalUpperQuantile } from './normal';
import { StatsInputError, requireOpenUnit } from './stats-input.error';

// Module-level aliases: a global `Math` lookup is slow inside vm contexts (Jest), these are not.
const { abs, ceil, exp, log, max, min, round, sqrt } = Math;

// Lan–DeMets O'Brien–Fleming-type group-sequential boundaries (docs/statistics.md), symmetric and
// two-sided, by the recursive numerical integration of Armitage, McPherson & Rowe (1969): the
// sub-density of the score S_k = Z_k·√t_k over the paths that have not crossed yet is carried
// from look to look (S_k = S_{k−1} + N(0, Δ_k)) with Simpson's rule, and each boundary is
// solved so that the chance of first crossing it equals the alpha spent there.
//
// The grid of each look is uniform on the score scale, ends exactly on the boundaries, and is
// fine enough for both the density itself (sd √t_k) and the next look's kernel (sd √Δ_{k+1}).
// Jennison & Turnbull's fixed z grid is not: with hundreds of hourly looks the kernel becomes
// narrower than its spacing and the final boundary drifts by more than 1 (3.52 for 2.21).

/** Grid points per standard deviation of the narrower of the density and the next kernel. */
const POINTS_PER_SD = 4;
/** Upper limit on grid intervals per look (reached only when one look adds ≲ 1e-6 of the plan). */
const MAX_INTERVALS = 4000;
/** A standard normal density beyond this many sd is below the smallest double. */
const UNDERFLOW_SD = 38.5;
/** Relative size under which the remaining terms of a sum are dropped. */
const NEGLIGIBLE = 1e-17;

const INV_SQRT_2PI = 1 / sqrt(2 * Math.PI);

/** Cumulative two-sided alpha spent by information fraction t: 2·(2 − 2Φ(z_{1−α/4}/√t)). */
export function obrienFlemingSpending(t: number, alpha: number): number {
  if (!(t > 0)) return 0;
  const c = normalUpperQuantile(alpha / 4);
  return min(alpha, 4 * normalSf(c / sqrt(min(1, t))));
}

/** One look's continuation region on the score scale: points, Simpson weight × sub-density. */
interface Grid {
  start: number;
  step: number;
  s: Float64Array;
  wh: Float64Array;
  /** max(wh) × number of points: bounds what any run of remaining terms can add. */
  mass: number;
}

function uniformGrid(halfWidth: number, spacing: number): { s: Float64Array; w: Float64Array; step: number } {
  const intervals = min(MAX_INTERVALS, 2 * max(1, ceil(halfWidth / spacing)));
  const step = (2 * halfWidth) / intervals;
  const s = new Float64Array(intervals + 1);
  const w = new Float64Array(intervals + 1);
  for (let i = 0; i <= intervals; i++) {
    s[i] = -halfWidth + i * step;
    w[i] = ((i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2) * step) / 3;
  }
  return { s, w, step };
}

/** Sub-density of S_k at s: Σ wh_i·φ((s − u_i)/sd)/sd, walking out from s until the rest is negligible. */
function densityAt(prev: Grid, s: number, sd: number): number {
  const { s: u, wh, mass } = prev;
  const last = u.length - 1;
  const centre = min(last, max(0, round((s - prev.start) / prev.step)));
  let sum = 0;
  for (let i = centre; i <= last; i++) {
    const x = (s - u[i]) / sd;
    const k = exp(-0.5 * x * x);
    sum += wh[i] * k;
    if (u[i] >= s && (x < -UNDERFLOW_SD || k * mass < NEGLIGIBLE * sum)) break;
  }
  for (let i = centre - 1; i >= 0; i--) {
    const x = (s - u[i]) / sd;
    const k = exp(-0.5 * x * x);
    sum += wh[i] * k;
    if (u[i] <= s && (x > UNDERFLOW_SD || k * mass < NEGLIGIBLE * sum)) break;
  }
  return (sum * INV_SQRT_2PI) / sd;
}

/** P(S_k ≥ B, no crossing before) = Σ wh_i·Q((B − u_i)/sd), from the top of the grid down. */
function upperCrossing(prev: Grid, bound: number, sd: number): number {
  const { s: u, wh, mass } = prev;
  let sum = 0;
  for (let i = u.length - 1; i >= 0; i--) {
    const x = (bound - u[i]) / sd;
    if (x > UNDERFLOW_SD) break;
    sum += wh[i] * normalSf(x);
    // Q(x) ≤ φ(x)/x for x > 0, and it only shrinks further down the grid.
    if (x > 1 && exp(-0.5 * x * x) * INV_SQRT_2PI * mass < NEGLIGIBLE * x * sum) break;
  }
  return sum;
}

/** The score boundary B with upperCrossing(B) = target, by Newton on the log inside a bracket. */
function solveBoundary(prev: Grid, target: number, t: number, sd: number): number {
  // crossing(B) ≤ P(S_k ≥ B) = Q(B/√t_k), so the root lies below √t_k·Q⁻¹(target).
  let hi = sqrt(t) * normalUpperQuantile(target) + 1e-12;
  let lo = 0;
  let bound = hi;
  const logTarget = log(target);
  for (let iter = 0; iter < 100; iter++) {
    const p = upperCrossing(prev, bound, sd);
    if (p > target) lo = bound;
    else hi = bound;
    const slope = densityAt(prev, bound, sd); // −d crossing / dB
    const step = p > 0 && slope > 0 ? (log(p) - logTarget) / (slope / p) : Number.NaN;
    if (abs(step) < 1e-10 * sqrt(t)) return bound + step;
    const next = bound + step;
    bound = next > lo && next < hi ? next : (lo + hi) / 2;
    if (hi - lo < 1e-10 * sqrt(t)) return bound;
  }
  return bound;
}

/**
 * The integration after some looks: their fractions and bounds, the grid of the look before
 * the last (the last look's grid waits for the next fraction, which sets its spacing) and the
 * alpha spent per side. Grids are never changed once built, so states can share them.
 */
interface Progress {
  fractions: number[];
  bounds: number[];
  grid: Grid | null;
  spentPerSide: number;
}

const START: Progress = { fractions: [], bounds: [], grid: null, spentPerSide: 0 };

/**
 * The continuation region of look `t` (bound b) on the score scale, for a next look Δ later.
 * `drift` θ is the mean of Z at t = 1 (the score then drifts by θ per unit of information);
 * the boundaries themselves are always computed under θ = 0.
 */
function buildGrid(prev: Grid | null, t: number, prevT: number, b: number, nextDelta: number, drift = 0): Grid {
  const halfWidth = min(b, UNDERFLOW_SD) * sqrt(t);
  const spacing = min(sqrt(t), sqrt(nextDelta)) / POINTS_PER_SD;
  const { s, w, step } = uniformGrid(halfWidth, spacing);
  const sd = sqrt(t - prevT);
  const shift = drift * (t - prevT);
  const wh = new Float64Array(s.length);
  let largest = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s[j] - shift;
    const h = prev === null ? (exp((-0.5 * c * c) / t) * INV_SQRT_2PI) / sqrt(t) : densityAt(prev, c, sd);
    wh[j] = w[j] * h;
    if (wh[j] > largest) largest = wh[j];
  }
  return { start: s[0], step, s, wh, mass: largest * s.length };
}

/** One more look at fraction t: a new state, the old one untouched. */
function advance(state: Progress, t: number, alpha: number): Progress {
  const k = state.fractions.length;
  let grid = state.grid;
  if (k > 0) {
    const last = state.fractions[k - 1];
    grid = buildGrid(grid, last, k > 1 ? state.fractions[k - 2] : 0, state.bounds[k - 1], t - last);
  }
  const prevT = k > 0 ? state.fractions[k - 1] : 0;
  const cumulative = obrienFlemingSpending(t, alpha) / 2;
  const target = cumulative - state.spentPerSide;
  let b: number;
  if (!(target > 0)) b = Infinity;
  else if (grid === null) b = normalUpperQuantile(target);
  else b = solveBoundary(grid, target, t, sqrt(t - prevT)) / sqrt(t);
  return {
    fractions: [...state.fractions, t],
    bounds: [...state.bounds, b],
    grid,
    // What was actually spent (a boundary at Infinity spends nothing).
    spentPerSide: Number.isFinite(b) ? cumulative : state.spentPerSide,
  };
}

function requireFractions(fractions: number[]): number[] {
  if (!Array.isArray(fractions)) throw new StatsInputError('informationFractions', 'must be an array');
  const capped = fractions.map((t) => min(1, t));
  capped.forEach((t, i) => {
    if (!Number.isFinite(t) || t <= 0) {
      throw new StatsInputError(`informationFractions[${i}]`, 'must be a number greater than 0');
    }
    if (i > 0 && t <= capped[i - 1]) {
      throw new StatsInputError(`informationFractions[${i}]`, 'must be greater than the previous fraction (after capping at 1)');
    }
  });
  return capped;
}

/**
 * Two-sided z boundaries (reject when |z| ≥ bound) for looks at the given information
 * fractions (increasing; above 1 is capped to 1), spending `alpha` in total by t = 1.
 * `Infinity` where the alpha spent so far is below what a double can hold.
 */
export function groupSequentialBounds(informationFractions: number[], alpha: number): number[] {
  requireOpenUnit('alpha', alpha);
  const fractions = requireFractions(informationFractions);
  // An analysis asks once per step and treatment, and the next analysis adds one look to the
  // same history: resume from a remembered state instead of integrating from the first look.
  const keyOf = (count: number) => `${alpha}|${fractions.slice(0, count).join(',')}`;
  const key = keyOf(fractions.length);
  let state = recentStates.get(key);
  if (!state) {
    const resumed = fractions.length > 1 ? recentStates.get(keyOf(fractions.length - 1)) : undefined;
    state = resumed ?? START;
    for (let k = state.fractions.length; k < fractions.length; k++) state = advance(state, fractions[k], alpha);
    recentStates.set(key, state);
    if (recentStates.size > RECENT_LIMIT) recentStates.delete(recentStates.keys().next().value as string);
  }
  return [...state.bounds];
}

const RECENT_LIMIT = 64;
const recentStates = new Map<string, Progress>();

export interface SequentialLookInput {
  /** n_eff / n_planned of this analysis (capped at 1 here). */
  informationFraction: number;
  /** The comparison's z statistic at this analysis. */
  z: number;
}

export interface SequentialTestInput {
  /** Every analysis so far, in order, the current one last. */
  looks: SequentialLookInput[];
  /** Two-sided alpha of this test (already Bonferroni-split). */
  alpha: number;
}

export interface SequentialTestResult {
  /** Whether the current z is on or beyond a boundary at this look. */
  crossed: 'upper' | 'lower' | null;
  /** Number of the current look (1-based); 0 before the first look. */
  look: number;
  /** Two-sided boundary of every look so far (analyses that added no look are skipped). */
  bounds: number[];
  /** Cumulative two-sided alpha spent by the current look. */
  alphaSpent: number;
  informationFraction: number;
  z: number;
  upperBound: number;
  lowerBound: number;
}

/**
 * The group-sequential test at the current analysis. An analysis whose information fraction
 * is not above the previous look's adds no look (it is judged against the previous
 * boundary); t = 0 is no look; fractions above 1 count as 1. "Crossed" is decided at the
 * current analysis, as the verdict rule needs.
 */
export function sequentialTest(input: SequentialTestInput): SequentialTestResult {
  requireOpenUnit('alpha', input.alpha);
  const fractions: number[] = [];
  for (const look of input.looks) {
    const t = min(1, look.informationFraction);
    if (Number.isFinite(t) && t > (fractions.length > 0 ? fractions[fractions.length - 1] : 0)) fractions.push(t);
  }
  const current = input.looks.length > 0 ? input.looks[input.looks.length - 1] : undefined;
  const z = current && Number.isFinite(current.z) ? current.z : 0;
  if (fractions.length === 0) {
    return {
      crossed: null,
      look: 0,
      bounds: [],
      alphaSpent: 0,
      informationFraction: 0,
      z,
      upperBound: Infinity,
      lowerBound: -Infinity,
    };
  }
  const bounds = groupSequentialBounds(fractions, input.alpha);
  const t = fractions[fractions.length - 1];
  const bound = bounds[bounds.length - 1];
  const crossed = z >= bound ? 'upper' : z <= -bound ? 'lower' : null;
  return {
    crossed,
    look: fractions.length,
    bounds,
    alphaSpent: Number.isFinite(bound) ? obrienFlemingSpending(t, input.alpha) : 0,
    informationFraction: t,
    z,
    upperBound: bound,
    lowerBound: -bound,
  };
}

/**
 * The chance that the test ends on the upper boundary (rejects upwards at some look) when the
 * z statistic at information fraction t has mean `drift`·√t, with the given two-sided `bounds`
 * (reject when |z| ≥ bound). The same recursive integration as the boundaries, the score now
 * drifting by `drift` per unit of information.
 */
export function upperCrossingProbability(informationFractions: number[], bounds: number[], drift: number): number {
  const fractions = requireFractions(informationFractions);
  if (!Array.isArray(bounds) || bounds.length !== fractions.length) {
    throw new StatsInputError('bounds', 'must hold one bound per information fraction');
  }
  bounds.forEach((b, i) => {
    if (!(b > 0)) throw new StatsInputError(`bounds[${i}]`, 'must be a number greater than 0');
  });
  if (!Number.isFinite(drift)) throw new StatsInputError('drift', 'must be a finite number');
  let total = normalSf(bounds[0] - drift * sqrt(fractions[0]));
  let grid: Grid | null = null;
  for (let k = 1; k < fractions.length; k++) {
    const t = fractions[k];
    const last = fractions[k - 1];
    grid = buildGrid(grid, last, k > 1 ? fractions[k - 2] : 0, bounds[k - 1], t - last, drift);
    if (Number.isFinite(bounds[k])) total += upperCrossing(grid, bounds[k] * sqrt(t) - drift * (t - last), sqrt(t - last));
  }
  return min(1, total);
}

/** The drift (mean of Z at t = 1) at which the design rejects upwards with chance `power`, by bisection. */
export function driftForPower(informationFractions: number[], bounds: number[], power: number): number {
  requireOpenUnit('power', power);
  const crossing = (drift: number) => upperCrossingProbability(informationFractions, bounds, drift);
  let lo = 0;
  let hi = 4;
  while (crossing(hi) < power) {
    if (hi > 1e6) throw new StatsInputError('bounds', 'never reject: no finite bound');
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-10 * hi) {
    const mid = (lo + hi) / 2;
    if (crossing(mid) < power) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Equally spaced looks the plan of a sequential experiment assumes (daily looks over about three weeks). */
export const PLANNED_LOOKS = 20;

/**
 * How much more information than a fixed-horizon test (z_{1−α/2} + z_{1−β} drift) the
 * Lan–DeMets O'Brien–Fleming design with `looks` equally spaced looks needs to reach the same
 * power: (θ / (z_{1−α/2} + z_{1−β}))², θ the drift at which it rejects upwards with chance
 * `power`. Slightly above 1, since the early looks spend a little alpha.
 */
export function sequentialInflation(input: { alpha: number; power: number; looks?: number }): number {
  const looks = input.looks ?? PLANNED_LOOKS;
  requireOpenUnit('alpha', input.alpha);
  requireOpenUnit('power', input.power);
  if (!Number.isInteger(looks) || looks < 1) throw new StatsInputError('looks', 'must be a positive integer');
  const key = `${looks}|${input.alpha}|${input.power}`;
  const known = inflations.get(key);
  if (known !== undefined) return known;

  const fractions = Array.from({ length: looks }, (_, i) => (i + 1) / looks);
  const bounds = groupSequentialBounds(fractions, input.alpha);
  const fixedDrift = normalUpperQuantile(input.alpha / 2) + normalUpperQuantile(1 - input.power);
  const drift = driftForPower(fractions, bounds, input.power);
  const inflation = (drift / fixedDrift) ** 2;
  inflations.set(key, inflation);
  return inflation;
}

const inflations = new Map<string, number>();
