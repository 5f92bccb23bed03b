import { normalUpperQuantile } from './normal';
import { StatsInputError, requireCount, requireOpenUnit } from './stats-input.error';
import { zPValue, type Alternative } from './z-test';

// CUPED (Deng, Xu, Kohavi & Walker, 2013): subtract from each arm's outcome mean the part that
// a pre-experiment covariate predicts. Outcome Y and covariate X are both 0/1 per unit here (Y:
// reached the step after assignment; X: reached it in the lookback window before), so each arm
// is summarised by four sums and ΣY² = ΣY, ΣX² = ΣX. See docs/statistics.md.

/** One arm's sums over its units; binary X and Y. */
export interface CupedArmSums {
  n: number;
  sumY: number;
  sumX: number;
  sumXY: number;
}

export interface CupedInput {
  control: CupedArmSums;
  treatment: CupedArmSums;
  /** Level of the intervals (1 − alpha, always two-sided); default 0.05. */
  alpha?: number;
  /** Default `two-sided`. */
  alternative?: Alternative;
}

export interface CupedResult {
  /** Pooled regression coefficient of Y on X over both arms (0 when X does not vary). */
  theta: number;
  /** μ_v = Ȳ_v − θ(X̄_v − X̄), X̄ over both arms. */
  adjustedMeans: { control: number; treatment: number };
  /** Var(μ_v) = (var_v(Y) + θ²var_v(X) − 2θ·cov_v(X, Y)) / n_v, sample (co)variances. */
  variances: { control: number; treatment: number };
  /** μ_t − μ_c */
  absoluteLift: number;
  /** (μ_t − μ_c) / μ_c; null when μ_c ≤ 0. */
  relativeLift: number | null;
  ciAbsolute: [number, number];
  /** Delta-method interval of the relative lift with the adjusted variances; null with relativeLift. */
  ciRelative: [number, number] | null;
  /** sqrt(Var(μ_t) + Var(μ_c)) */
  se: number;
  /** (μ_t − μ_c) / se; 0 when se is 0. */
  z: number;
  pValue: number;
  /** 1 − se²(adjusted) / se²(θ = 0): the share of the variance removed; 0 when there is none to remove. */
  varianceReduction: number;
}

function validateSums(field: string, arm: CupedArmSums): void {
  if (!arm || typeof arm !== 'object') throw new StatsInputError(field, 'must be {n, sumY, sumX, sumXY}');
  for (const key of ['n', 'sumY', 'sumX', 'sumXY'] as const) requireCount(`${field}.${key}`, arm[key]);
  if (arm.sumY > arm.n) throw new StatsInputError(`${field}.sumY`, 'must not exceed n');
  if (arm.sumX > arm.n) throw new StatsInputError(`${field}.sumX`, 'must not exceed n');
  if (arm.sumXY > Math.min(arm.sumX, arm.sumY)) throw new StatsInputError(`${field}.sumXY`, 'must not exceed sumX or sumY');
  if (arm.sumX + arm.sumY - arm.sumXY > arm.n) {
    throw new StatsInputError(`${field}.sumXY`, 'is too small: more units have X or Y than the arm holds');
  }
}

/** Centred sums of squares and products (the sample (co)variances times n − 1). */
function centred(arm: CupedArmSums): { ssX: number; ssY: number; sXY: number } {
  if (arm.n === 0) return { ssX: 0, ssY: 0, sXY: 0 };
  return {
    ssX: arm.sumX - (arm.sumX * arm.sumX) / arm.n,
    ssY: arm.sumY - (arm.sumY * arm.sumY) / arm.n,
    sXY: arm.sumXY - (arm.sumX * arm.sumY) / arm.n,
  };
}

/**
 * θ = Σ_v cov_v(X, Y)(n_v − 1) / Σ_v var_v(X)(n_v − 1) over the given arms: the within-arm
 * regression slope, so a treatment effect on Y does not leak into it. 0 when X never varies
 * inside an arm (no pre-period information to use).
 */
export function cupedTheta(arms: CupedArmSums[]): number {
  let sxx = 0;
  let sxy = 0;
  arms.forEach((arm, i) => {
    validateSums(`arms[${i}]`, arm);
    const c = centred(arm);
    sxx += c.ssX;
    sxy += c.sXY;
  });
  return sxx > 0 ? sxy / sxx : 0;
}

/** Var(μ_v) of one arm for a given θ; 0 for an arm of fewer than two units. */
function adjustedVariance(arm: CupedArmSums, theta: number): number {
  if (arm.n < 2) return 0;
  const c = centred(arm);
  const perUnit = (c.ssY + theta * theta * c.ssX - 2 * theta * c.sXY) / (arm.n - 1);
  // Exact arithmetic cannot go below 0 (it is a sample variance of Y − θX); rounding can, barely.
  return Math.max(0, perUnit) / arm.n;
}

/** The CUPED-adjusted comparison of treatment with control on one step. */
export function cupedCompare(input: CupedInput): CupedResult {
  const { control, treatment } = input;
  const alpha = input.alpha ?? 0.05;
  const alternative = input.alternative ?? 'two-sided';
  validateSums('control', control);
  validateSums('treatment', treatment);
  requireOpenUnit('alpha', alpha);
  if (!['two-sided', 'greater', 'less'].includes(alternative)) {
    throw new StatsInputError('alternative', "must be 'two-sided', 'greater' or 'less'");
  }

  const theta = cupedTheta([control, treatment]);
  if (control.n === 0 || treatment.n === 0) {
    // Nothing to compare yet: no lift, the widest interval, no evidence (as the plain z-test).
    const mean = (arm: CupedArmSums) => (arm.n > 0 ? arm.sumY / arm.n : 0);
    return {
      theta,
      adjustedMeans: { control: mean(control), treatment: mean(treatment) },
      variances: { control: 0, treatment: 0 },
      absoluteLift: 0,
      relativeLift: null,
      ciAbsolute: [-1, 1],
      ciRelative: null,
      se: 0,
      z: 0,
      pValue: 1,
      varianceReduction: 0,
    };
  }

  const xBar = (control.sumX + treatment.sumX) / (control.n + treatment.n);
  const adjust = (arm: CupedArmSums) => arm.sumY / arm.n - theta * (arm.sumX / arm.n - xBar);
  const muC = adjust(control);
  const muT = adjust(treatment);
  const vC = adjustedVariance(control, theta);
  const vT = adjustedVariance(treatment, theta);
  const rawSe2 = adjustedVariance(control, 0) + adjustedVariance(treatment, 0);
  const se2 = vC + vT;
  const se = Math.sqrt(se2);
  const d = muT - muC;
  const crit = normalUpperQuantile(alpha / 2);
  const ciAbsolute: [number, number] = [d - crit * se, d + crit * se];

  let relativeLift: number | null = null;
  let ciRelative: [number, number] | null = null;
  if (muC > 0) {
    relativeLift = d / muC;
    // Delta method for μ_t/μ_c − 1: Var ≈ Var(μ_t)/μ_c² + μ_t²·Var(μ_c)/μ_c⁴.
    const seRel = Math.sqrt(vT / (muC * muC) + (muT * muT * vC) / (muC * muC * muC * muC));
    ciRelative = [relativeLift - crit * seRel, relativeLift + crit * seRel];
  }

  const z = se > 0 ? d / se : 0;
  return {
    theta,
    adjustedMeans: { control: muC, treatment: muT },
    variances: { control: vC, treatment: vT },
    absoluteLift: d,
    relativeLift,
    ciAbsolute,
    ciRelative,
    se,
    z,
    pValue: se > 0 ? zPValue(z, alternative) : 1,
    varianceReduction: rawSe2 > 0 ? 1 - se2 / rawSe2 : 0,
  };
}

/** Counts over units active in a flow: A, B reached a step in two consecutive windows. */
export interface HistoryCounts {
  n: number;
  sumA: number;
  sumB: number;
  sumAB: number;
}

/** Fewer active units than this in the history window: no estimate (plan without reduction). */
export const MIN_HISTORY_UNITS = 100;
/** The plan never counts on CUPED removing more than this share of the variance. */
export const MAX_EXPECTED_REDUCTION = 0.9;

/**
 * The variance reduction to expect from CUPED on a step, from the flow's own history: the
 * squared correlation between reaching the step in one lookback-long window and in the next,
 * over the units active in the flow then (the pre-period covariate and the outcome play those
 * roles in the experiment, and CUPED removes ρ² of the variance). 0 without enough history
 * or without variation; at most MAX_EXPECTED_REDUCTION.
 */
export function historyVarianceReduction(counts: HistoryCounts): number {
  const { n, sumA, sumB, sumAB } = counts;
  for (const key of ['n', 'sumA', 'sumB', 'sumAB'] as const) requireCount(key, counts[key]);
  if (n < MIN_HISTORY_UNITS) return 0;
  const varA = n * sumA - sumA * sumA;
  const varB = n * sumB - sumB * sumB;
  if (!(varA > 0 && varB > 0)) return 0;
  const cov = n * sumAB - sumA * sumB;
  return Math.min(MAX_EXPECTED_REDUCTION, (cov * cov) / (varA * varB));
}
