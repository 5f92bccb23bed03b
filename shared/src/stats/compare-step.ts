import type { AnalysisMethod } from '../vocabularies';
import { bayesianBinomial } from './bayesian';
import { cupedCompare } from './cuped';
import { sequentialTest, type SequentialLookInput } from './group-sequential';
import { msprt, msprtFromEstimate } from './msprt';
import { significantMovement, type Movement } from './significance';
import { StatsInputError } from './stats-input.error';
import { zTest, type ArmCounts, type ZTestResult } from './z-test';

/** One sequential look as an analysis reports it. */
export interface SequentialLook {
  look: number;
  informationFraction: number;
  z: number;
  upperBound: number;
  lowerBound: number;
  alphaSpent: number;
}

/** With CUPED, the plain figures kept beside the adjusted ones. */
export interface UnadjustedFigures {
  absoluteLift: number;
  ciAbsolute: [number, number];
  pValue: number;
  z: number;
}

/** CUPED's coefficient and the share of the variance it removed (1 − se²adjusted/se²plain). */
export interface CupedSummary {
  theta: number;
  varianceReduction: number;
}

export interface CompareStepInput {
  control: ArmCounts;
  treatment: ArmCounts;
  method: AnalysisMethod;
  /** The experiment's alpha: the level of the reported intervals (e.g. 95 %). */
  alpha: number;
  /** The step's Bonferroni-split alpha for the test (`alphaSplit`): alpha/k primary, alpha/g guardrails. */
  testAlpha: number;
  /** Planned units per variant (the experiment's plannedSampleSize). */
  plannedSampleSize: number;
  /** Sequential: this step and treatment's earlier looks `{informationFraction, z}`, oldest first. */
  previousLooks?: SequentialLookInput[];
  /** mSPRT mixing variance, `msprtTau2(minimumEffect, baselineRate)`; needed for method msprt. */
  tau2?: number;
  /** mSPRT: the always-valid p of the previous analysis of this step and treatment. */
  previousMsprtPValue?: number | null;
  /**
   * CUPED: per arm ΣX (units active at the step in the lookback window before assignment) and
   * ΣXY (those that also reached it). Given, every test uses the adjusted lift and variance.
   */
  covariate?: { control: CovariateSums; treatment: CovariateSums } | null;
}

export interface CovariateSums {
  sumX: number;
  sumXY: number;
}

/** The fixed-horizon z-test (Holm-adjust its p-value across the treatments of the step), and: */
export interface CompareStepResult extends ZTestResult {
  /** n_eff / n_planned with n_eff = 2/(1/n_c + 1/n_t), capped at 1. */
  informationFraction: number;
  /** The information fraction reached 1. */
  plannedSampleReached: boolean;
  /** Method sequential: the look this analysis makes (bounds may be Infinity: no boundary yet). */
  sequential: SequentialLook | null;
  /** Method msprt: always-valid p (running minimum) and interval at testAlpha. */
  msprt: { pValue: number; ciAbsolute: [number, number] } | null;
  chanceToBeatControl: number;
  expectedLoss: { control: number; treatment: number };
  /** With CUPED: the plain figures (the ones above are adjusted); null without. */
  unadjusted: UnadjustedFigures | null;
  /** With CUPED: θ and the share of the variance removed; null without. */
  cuped: CupedSummary | null;
  /** Significant up or down by the method (docs/statistics.md), at testAlpha. */
  movement: Movement;
  significant: boolean;
}

/** n_eff / n_planned, capped at 1 (0 while an arm is empty). */
export function informationFraction(controlUnits: number, treatmentUnits: number, plannedSampleSize: number): number {
  if (!(controlUnits > 0 && treatmentUnits > 0)) return 0;
  const nEff = 2 / (1 / controlUnits + 1 / treatmentUnits);
  return Math.min(1, nEff / plannedSampleSize);
}

/** Every per-step test of one treatment against control at once, for the analysis job. */
export function compareStep(input: CompareStepInput): CompareStepResult {
  const { control, treatment, method } = input;
  if (!(Number.isFinite(input.plannedSampleSize) && input.plannedSampleSize > 0)) {
    throw new StatsInputError('plannedSampleSize', 'must be a number greater than 0');
  }
  if (!(input.testAlpha > 0 && input.testAlpha < 1)) {
    throw new StatsInputError('testAlpha', 'must lie strictly between 0 and 1');
  }
  const plain = zTest({ control, treatment, alpha: input.alpha });
  let fixed = plain;
  let unadjusted: UnadjustedFigures | null = null;
  let cuped: CupedSummary | null = null;
  let variance: number | null = null;
  if (input.covariate) {
    const sums = (arm: ArmCounts, covariate: CovariateSums) => ({ n: arm.units, sumY: arm.conversions, ...covariate });
    const adjusted = cupedCompare({
      control: sums(control, input.covariate.control),
      treatment: sums(treatment, input.covariate.treatment),
      alpha: input.alpha,
    });
    fixed = {
      absoluteLift: adjusted.absoluteLift,
      relativeLift: adjusted.relativeLift,
      ciAbsolute: adjusted.ciAbsolute,
      ciRelative: adjusted.ciRelative,
      z: adjusted.z,
      pValue: adjusted.pValue,
    };
    variance = adjusted.se * adjusted.se;
    unadjusted = { absoluteLift: plain.absoluteLift, ciAbsolute: plain.ciAbsolute, pValue: plain.pValue, z: plain.z };
    cuped = { theta: adjusted.theta, varianceReduction: adjusted.varianceReduction };
  }
  const t = informationFraction(control.units, treatment.units, input.plannedSampleSize);
  const plannedSampleReached = t >= 1;

  let sequential: SequentialLook | null = null;
  if (method === 'sequential') {
    const test = sequentialTest({
      looks: [...(input.previousLooks ?? []), { informationFraction: t, z: fixed.z }],
      alpha: input.testAlpha,
    });
    sequential = {
      look: test.look,
      informationFraction: test.informationFraction,
      z: test.z,
      upperBound: test.upperBound,
      lowerBound: test.lowerBound,
      alphaSpent: test.alphaSpent,
    };
  }

  let always: CompareStepResult['msprt'] = null;
  if (method === 'msprt') {
    if (input.tau2 === undefined) throw new StatsInputError('tau2', 'is required for method msprt');
    always =
      variance === null
        ? msprt({ control, treatment, tau2: input.tau2, alpha: input.testAlpha, previousPValue: input.previousMsprtPValue })
        : msprtFromEstimate({
            d: fixed.absoluteLift,
            v: variance,
            tau2: input.tau2,
            alpha: input.testAlpha,
            previousPValue: input.previousMsprtPValue,
          });
  }

  const bayes = bayesianBinomial({ control, treatment });
  const movement = significantMovement({
    method,
    testAlpha: input.testAlpha,
    absoluteLift: fixed.absoluteLift,
    pValue: fixed.pValue,
    sequential,
    msprt: always,
    plannedSampleReached,
  });
  return {
    ...fixed,
    informationFraction: t,
    plannedSampleReached,
    sequential,
    msprt: always,
    chanceToBeatControl: bayes.chanceToBeatControl,
    expectedLoss: bayes.expectedLoss,
    unadjusted,
    cuped,
    movement,
    significant: movement !== null,
  };
}
