import { normalSf, normalUpperQuantile } from './normal';
import { StatsInputError, requireOpenUnit } from './stats-input.error';

// Module-level aliases: a global `Math` lookup is slow inside vm contexts (Jest), these are not.
const { abs, exp, log, min, sqrt } = Math;

// Lan–DeMets O'Brien–Fleming-type group-sequential boundaries (DESIGN §4), symmetric and
// two-sided, by the recursive numerical integration of Armitage, McPherson & Rowe (1969) on
// the grid of Jennison & Turnbull (2000, §19.2): the sub-density of the z statistic over the
// paths that have not crossed yet is carried from look to look on a Simpson grid, and each
// boundary is solved so that the chance of first crossing it equals the alpha spent there.

/** Grid density: Jennison & Turnbull's r (r = 16 gives probabilities to about 1e-7). */
const GRID_R = 16;

/** Cumulative two-sided alpha spent by information fraction t: 2·(2 − 2Φ(z_{1−α/4}/√t)). */
export function obrienFlemingSpending(t: number, alpha: number): number {
  if (!(t > 0)) return 0;
  const c = normalUpperQuantile(alpha / 4);
  return min(alpha, 4 * normalSf(c / sqrt(min(1, t))));
}

interface Grid {
  z: Float64Array;
  /** Simpson weight × sub-density at each point. */
  wh: Float64Array;
}

/** The previous grid as the next look sees it: points scaled by c = √(t_{k−1}/Δ). */
interface Carried {
  cz: Float64Array;
  wh: Float64Array;
}

function carry(prev: Grid, c: number): Carried {
  const cz = new Float64Array(prev.z.length);
  for (let i = 0; i < cz.length; i++) cz[i] = c * prev.z[i];
  return { cz, wh: prev.wh };
}

/** J&T's 6r−1 points on the z scale under H0 (dense in the middle, log-spaced in the tails). */
function basePoints(r: number): number[] {
  const points: number[] = [];
  for (let i = 1; i <= 6 * r - 1; i++) {
    if (i < r) points.push(-3 - 4 * log(r / i));
    else if (i <= 5 * r) points.push(-3 + (3 * (i - r)) / (2 * r));
    else points.push(3 + 4 * log(r / (6 * r - i)));
  }
  return points;
}

/** Grid points inside (−b, b) with the boundary itself, plus midpoints, and Simpson weights. */
function simpsonGrid(base: number[], b: number): { z: Float64Array; w: Float64Array } {
  const inner = base.filter((x) => x > -b && x < b);
  const odd = Number.isFinite(b) && b < base[base.length - 1] ? [-b, ...inner, b] : inner;
  const m = 2 * odd.length - 1;
  const z = new Float64Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < odd.length; i++) {
    z[2 * i] = odd[i];
    if (i + 1 < odd.length) z[2 * i + 1] = (odd[i] + odd[i + 1]) / 2;
  }
  for (let i = 0; i + 1 < odd.length; i++) {
    const h = odd[i + 1] - odd[i];
    w[2 * i] += h / 6;
    w[2 * i + 1] += (4 * h) / 6;
    w[2 * i + 2] += h / 6;
  }
  return { z, w };
}

const BASE_POINTS = basePoints(GRID_R);

const INV_SQRT_2PI = 1 / sqrt(2 * Math.PI);

/**
 * P(cross above b at this look, no crossing before) from the previous grid. Terms below
 * `negligible` (bounded by Q(x) ≤ φ(x)/x) are skipped: they cannot move the sum.
 */
function upperCrossing(prev: Carried, b: number, a: number, negligible: number): number {
  // Z_k = (u·√t_{k−1} + N(0, Δ)) / √t_k  ⇒  P(Z_k ≥ b | u) = Q(a·b − c·u), a = √(t_k/Δ), c = √(t_{k−1}/Δ)
  const { cz, wh } = prev;
  const ab = a * b;
  let sum = 0;
  for (let i = 0; i < cz.length; i++) {
    const x = ab - cz[i];
    if (wh[i] === 0 || (x > 5 && (wh[i] * exp(-0.5 * x * x) * INV_SQRT_2PI) / x < negligible)) continue;
    sum += wh[i] * normalSf(x);
  }
  return sum;
}

/** Beyond this many standard deviations the normal kernel is below 1e-300: exactly nothing. */
const KERNEL_REACH = 38;

/** Sub-density of Z_k at z from the previous grid. */
function density(prev: Carried, z: number, a: number): number {
  return densitiesInto(prev, [z], a, new Float64Array(1))[0];
}

/** Sub-densities of Z_k at ascending points zs, visiting only grid points within the kernel's reach. */
function densitiesInto(prev: Carried, zs: ArrayLike<number>, a: number, out: Float64Array): Float64Array {
  const { cz, wh } = prev;
  const scale = a * INV_SQRT_2PI;
  let first = 0;
  let last = 0; // exclusive
  for (let j = 0; j < zs.length; j++) {
    const az = a * zs[j];
    while (first < cz.length && cz[first] <= az - KERNEL_REACH) first++;
    if (last < first) last = first;
    while (last < cz.length && cz[last] < az + KERNEL_REACH) last++;
    let sum = 0;
    for (let i = first; i < last; i++) {
      const x = az - cz[i];
      sum += wh[i] * exp(-0.5 * x * x);
    }
    out[j] = sum * scale;
  }
  return out;
}

/** Solve upperCrossing(b) = target (decreasing in b) by Newton on the log, kept inside a bracket. */
function solveBoundary(prev: Carried, target: number, a: number): number {
  let hi = normalUpperQuantile(target) + 1e-9; // crossing(b) ≤ Q(b), so the root lies below
  let lo = 0;
  let b = hi;
  const logTarget = log(target);
  for (let iter = 0; iter < 100; iter++) {
    const p = upperCrossing(prev, b, a, target * 1e-14);
    if (p > target) lo = b;
    else hi = b;
    const slope = density(prev, b, a); // −d crossing / db
    const step = p > 0 && slope > 0 ? (log(p) - logTarget) / (slope / p) : Number.NaN;
    if (abs(step) < 1e-9) return b + step;
    const next = b + step;
    b = next > lo && next < hi ? next : (lo + hi) / 2;
    if (hi - lo < 1e-9) return b;
  }
  return b;
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
  // One analysis asks for the same looks once per step and treatment: remember recent answers.
  const key = `${alpha}|${fractions.join(',')}`;
  const cached = recentBounds.get(key);
  if (cached) return [...cached];
  const bounds = computeBounds(fractions, alpha);
  recentBounds.set(key, bounds);
  if (recentBounds.size > RECENT_LIMIT) recentBounds.delete(recentBounds.keys().next().value as string);
  return [...bounds];
}

const RECENT_LIMIT = 64;
const recentBounds = new Map<string, number[]>();

function computeBounds(fractions: number[], alpha: number): number[] {
  const base = BASE_POINTS;
  const bounds: number[] = [];
  let prev: Grid | null = null;
  let prevT = 0;
  let spentPerSide = 0;

  for (const t of fractions) {
    const cumulative = obrienFlemingSpending(t, alpha) / 2;
    const target = cumulative - spentPerSide;
    let b: number;
    const a = sqrt(t / (t - prevT));
    const carried = prev === null ? null : carry(prev, sqrt(prevT / (t - prevT)));
    if (!(target > 0)) b = Infinity;
    else if (carried === null) b = normalUpperQuantile(target);
    else b = solveBoundary(carried, target, a);
    bounds.push(b);
    // What was actually spent (a boundary at Infinity spends nothing).
    if (Number.isFinite(b)) spentPerSide = cumulative;

    const { z, w } = simpsonGrid(base, b);
    const wh = new Float64Array(z.length);
    if (carried === null) for (let j = 0; j < z.length; j++) wh[j] = exp(-0.5 * z[j] * z[j]) * INV_SQRT_2PI;
    else densitiesInto(carried, z, a, wh);
    for (let j = 0; j < z.length; j++) wh[j] *= w[j];
    prev = { z, wh };
    prevT = t;
  }
  return bounds;
}

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
