import { StatsInputError, requireOpenUnit } from './stats-input.error';
import { rate, validateArm, type ArmCounts } from './z-test';

export interface MsprtInput {
  control: ArmCounts;
  treatment: ArmCounts;
  /** Variance of the normal mixing prior on the lift: (minimumEffect · baselineRate)². */
  tau2: number;
  /** Two-sided alpha of the test (already Bonferroni-split), for the interval. */
  alpha: number;
  /** The always-valid p of the previous analysis; the p-value only ever goes down. */
  previousPValue?: number | null;
}

export interface MsprtResult {
  /** Always-valid p-value: the running minimum of min(1, 1/Λ). */
  pValue: number;
  /** Always-valid interval of the absolute lift, clipped to [−1, 1]. */
  ciAbsolute: [number, number];
}

/** τ² (docs/statistics.md) from the hypothesis' minimum effect and the expected baseline rate. */
export function msprtTau2(minimumEffect: number, baselineRate: number): number {
  return (minimumEffect * baselineRate) ** 2;
}

/**
 * Mixture sequential probability ratio test (Johari et al., "Always valid inference"):
 * Λ = sqrt(V/(V+τ²))·exp(τ²d²/(2V(V+τ²))) with V the unpooled variance of d. Valid at any
 * number of looks, so teams may look whenever they like.
 */
export function msprt(input: MsprtInput): MsprtResult {
  validateArm('control', input.control);
  validateArm('treatment', input.treatment);
  const nc = input.control.units;
  const nt = input.treatment.units;
  const pc = rate(input.control);
  const pt = rate(input.treatment);
  const v = nc > 0 && nt > 0 ? (pc * (1 - pc)) / nc + (pt * (1 - pt)) / nt : 0;
  return msprtFromEstimate({ d: pt - pc, v, tau2: input.tau2, alpha: input.alpha, previousPValue: input.previousPValue });
}

export interface MsprtEstimateInput {
  /** The estimated lift. */
  d: number;
  /** Its variance (se²). */
  v: number;
  tau2: number;
  alpha: number;
  previousPValue?: number | null;
}

/** The same test from any normal estimate of the lift and its variance (CUPED passes its adjusted ones). */
export function msprtFromEstimate(input: MsprtEstimateInput): MsprtResult {
  requireOpenUnit('alpha', input.alpha);
  const { tau2, v, d } = input;
  if (!Number.isFinite(tau2) || tau2 <= 0) throw new StatsInputError('tau2', 'must be a number greater than 0');
  const previous = input.previousPValue;
  const floor = previous !== undefined && previous !== null && previous >= 0 && previous <= 1 ? previous : 1;
  if (!(v > 0) || !Number.isFinite(d)) {
    // No variance to speak of (empty arm, or all rates 0 or 1): no evidence, no interval.
    return { pValue: floor, ciAbsolute: [-1, 1] };
  }
  const logLambda = 0.5 * Math.log(v / (v + tau2)) + (tau2 * d * d) / (2 * v * (v + tau2));
  const pValue = Math.min(floor, 1, Math.exp(-logLambda));
  const half = Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / input.alpha) + Math.log((v + tau2) / v)));
  return { pValue, ciAbsolute: [Math.max(-1, d - half), Math.min(1, d + half)] };
}
