import { jStat } from './jstat';
import { validateArm, type ArmCounts } from './z-test';

export interface BayesianInput {
  control: ArmCounts;
  treatment: ArmCounts;
}

export interface BayesianResult {
  /** P(p_t > p_c) under Beta(1,1) priors, exact. */
  chanceToBeatControl: number;
  /** Expected loss of choosing each arm: control E[max(p_t − p_c, 0)], treatment E[max(p_c − p_t, 0)]. */
  expectedLoss: { control: number; treatment: number };
}

/**
 * Σ_{i<a1} B(a2+i, b1+b2) / ((b1+i)·B(1+i, b1)·B(a2, b2)) = P(X > Y) for X ~ Beta(a1, b1),
 * Y ~ Beta(a2, b2), integer a1 (Evan Miller's closed form). Terms follow
 * t_{i+1} = t_i·(a2+i)(b1+i) / ((a2+b1+b2+i)(1+i)), summed with rescaling, so the cost is
 * a1 multiplications and no special functions past the first term.
 */
function millerSum(a1: number, b1: number, a2: number, b2: number): number {
  const logFirst = jStat.betaln(a2, b1 + b2) - jStat.betaln(a2, b2);
  let logScale = logFirst;
  let term = 1;
  let sum = 1;
  for (let i = 0; i < a1 - 1; i++) {
    term *= ((a2 + i) * (b1 + i)) / ((a2 + b1 + b2 + i) * (1 + i));
    sum += term;
    if (term > 1e200) {
      logScale += Math.log(term);
      sum /= term;
      term = 1;
    }
  }
  return sum * Math.exp(logScale);
}

/**
 * P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2) with integer parameters, exactly. Of the four
 * equivalent sums (by X ↔ Y and p ↔ 1 − p) the shortest is used: O(min(a1, b1, a2, b2)).
 */
export function probBetaGreater(a1: number, b1: number, a2: number, b2: number): number {
  const shortest = Math.min(a1, b1, a2, b2);
  let p: number;
  if (shortest === a1) p = millerSum(a1, b1, a2, b2);
  else if (shortest === a2) p = 1 - millerSum(a2, b2, a1, b1);
  else if (shortest === b2) p = millerSum(b2, a2, b1, a1);
  else p = 1 - millerSum(b1, a1, b2, a2);
  return Math.min(1, Math.max(0, p));
}

/** Exact Bayesian summary with Beta(1,1) priors (reported, never used for the verdict). */
export function bayesianBinomial(input: BayesianInput): BayesianResult {
  validateArm('control', input.control);
  validateArm('treatment', input.treatment);
  const ac = 1 + input.control.conversions;
  const bc = 1 + input.control.units - input.control.conversions;
  const at = 1 + input.treatment.conversions;
  const bt = 1 + input.treatment.units - input.treatment.conversions;
  const meanC = ac / (ac + bc);
  const meanT = at / (at + bt);

  const chanceToBeatControl = probBetaGreater(at, bt, ac, bc);
  // E[X·1{X>Y}] = E[X]·P(X' > Y) with X' ~ Beta(a+1, b): the size-biased Beta.
  const treatmentLoss = meanC * probBetaGreater(ac + 1, bc, at, bt) - meanT * probBetaGreater(ac, bc, at + 1, bt);
  const controlLoss = meanT * probBetaGreater(at + 1, bt, ac, bc) - meanC * probBetaGreater(at, bt, ac + 1, bc);
  return {
    chanceToBeatControl,
    expectedLoss: { control: Math.max(0, controlLoss), treatment: Math.max(0, treatmentLoss) },
  };
}
