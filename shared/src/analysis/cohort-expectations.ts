import type { CohortExpectation, ExpectationResult, ExpectationStatus } from '../api/breakdown';
import { percent } from '../format/number-format';
import { informationFraction } from '../stats/compare-step';
import { sampleSizePerVariant } from '../stats/sample-size';
import { significantMovement, type Movement } from '../stats/significance';
import type { Direction } from '../vocabularies';
import type { StepCounts, StoredLook } from './analysis.types';
import { compareTreatments } from './compare-treatments';

/** A no_harm expectation without its own minimum effect plans to detect a fall of 10 %. */
export const NO_HARM_DEFAULT_EFFECT = 0.1;

/** What the next analysis needs of one expectation: its looks per treatment and a final status. */
export interface ExpectationState {
  looks: Record<string, StoredLook[]>;
  status: ExpectationStatus;
  reason: string;
}

export interface ExpectationInput {
  expectation: CohortExpectation;
  /** The cohort's counts on the expectation's step, per variant. */
  counts: StepCounts;
  controlKey: string;
  treatmentKeys: string[];
  /** The experiment's family alpha; each expectation is tested at alpha / E. */
  alpha: number;
  power: number;
  /** E, the number of expectations of the hypothesis version. */
  expectations: number;
  /** The hypothesis version's minimum effect, for expectations without their own. */
  defaultMinimumEffect: number;
  previous: ExpectationState | null;
  srmFlagged: boolean;
  /** The final analysis of an experiment a person stopped. */
  stopped: boolean;
}

const FINAL: ExpectationStatus[] = ['validated', 'refuted', 'inconclusive'];

/** The plan of an expectation: units per variant inside the cohort. */
export function expectationPlan(
  expectation: CohortExpectation,
  options: { alpha: number; power: number; expectations: number; treatments: number; defaultMinimumEffect: number },
): number {
  const noHarm = expectation.direction === 'no_harm';
  const minimumEffect = expectation.minimumEffect ?? (noHarm ? NO_HARM_DEFAULT_EFFECT : options.defaultMinimumEffect);
  const direction: Direction = noHarm ? 'decrease' : expectation.direction === 'decrease' ? 'decrease' : 'increase';
  return sampleSizePerVariant({
    baselineRate: expectation.baselineRate,
    minimumEffect,
    alpha: options.alpha / options.expectations,
    power: options.power,
    direction,
    treatments: options.treatments,
  });
}

/**
 * One cohort expectation as its own group-sequential test: its own plan and information
 * fraction, tested at alpha / E (and split over the treatments), judged like the verdict:
 * increase/decrease validate when significant in the expected direction and refute when
 * significant against it or, at the final look, when the relative-lift interval lies entirely
 * short of the minimum effect; no_harm is a guardrail, refuted when significantly down and
 * validated at its final look otherwise. A final status stays.
 */
export function judgeExpectation(input: ExpectationInput): { result: ExpectationResult; state: ExpectationState } {
  const { expectation, treatmentKeys } = input;
  const noHarm = expectation.direction === 'no_harm';
  const minimumEffect = expectation.minimumEffect ?? (noHarm ? NO_HARM_DEFAULT_EFFECT : input.defaultMinimumEffect);
  const plan = expectationPlan(expectation, { ...input, treatments: treatmentKeys.length });
  const testAlpha = input.alpha / input.expectations / Math.max(1, treatmentKeys.length);
  const previousLooks = input.previous?.looks ?? {};
  const compared = compareTreatments({
    counts: input.counts,
    controlKey: input.controlKey,
    treatmentKeys,
    method: 'sequential',
    alpha: input.alpha,
    testAlpha,
    plannedSampleSize: plan,
    previous: Object.fromEntries(treatmentKeys.map((key) => [key, { looks: previousLooks[key] ?? [], msprtPValue: null }])),
  });
  const looks = Object.fromEntries(treatmentKeys.map((key) => [key, compared.state[key].looks]));
  const control = input.counts[input.controlKey]?.units ?? 0;
  const fractions = treatmentKeys.map((key) => informationFraction(control, input.counts[key]?.units ?? 0, plan));
  const fraction = fractions.length > 0 ? Math.min(...fractions) : 0;
  const base = { cohortKey: expectation.cohortKey, stepKey: expectation.stepKey, direction: expectation.direction, informationFraction: fraction, plan };

  if (input.previous && FINAL.includes(input.previous.status)) {
    const { status, reason } = input.previous;
    return { result: { ...base, status, reason }, state: { looks, status, reason } };
  }

  const finalLook = compared.verdictComparisons.length > 0 && compared.verdictComparisons.every((c) => c.plannedSampleReached);
  const moves = compared.verdictComparisons.map((c) => ({
    key: c.variantKey,
    ciRelative: c.ciRelative,
    movement: significantMovement({
      method: 'sequential',
      testAlpha,
      absoluteLift: c.absoluteLift,
      pValue: c.pValue,
      sequential: c.sequential,
      plannedSampleReached: c.plannedSampleReached,
    }),
  }));
  const progress = `${percent(fraction, 0)} of its plan of ${plan} units per variant`;
  let status: ExpectationStatus;
  let reason: string;
  if (input.srmFlagged) {
    status = 'blocked';
    reason = 'the sample-ratio check failed: no status until it is resolved';
  } else if (noHarm) {
    const harmed = moves.filter((m) => m.movement === 'down').map((m) => m.key);
    if (harmed.length > 0) {
      status = 'refuted';
      reason = `${harmed.join(', ')} significantly lowered ${expectation.stepKey} in this cohort`;
    } else if (finalLook) {
      status = 'validated';
      reason = `no significant fall of ${expectation.stepKey} at the final look`;
    } else {
      status = input.stopped ? 'inconclusive' : 'running';
      reason = input.stopped ? `stopped at ${progress}` : `no harm so far, at ${progress}`;
    }
  } else {
    const expected: Movement = expectation.direction === 'increase' ? 'up' : 'down';
    const against: Movement = expected === 'up' ? 'down' : 'up';
    const winners = moves.filter((m) => m.movement === expected).map((m) => m.key);
    const losers = moves.filter((m) => m.movement === against).map((m) => m.key);
    // At the final look, an interval entirely short of the minimum effect: too small to matter.
    const tooSmall = (ci: [number, number] | null) =>
      ci !== null && (expected === 'up' ? ci[1] < minimumEffect : ci[0] > -minimumEffect);
    const allRefute = moves.length > 0 && moves.every((m) => m.movement === against || (finalLook && tooSmall(m.ciRelative)));
    if (winners.length > 0) {
      status = 'validated';
      reason = `${winners.join(', ')} moved ${expectation.stepKey} significantly in the expected direction (${expectation.direction})`;
    } else if (allRefute) {
      status = 'refuted';
      reason = losers.length > 0
        ? `${losers.join(', ')} moved ${expectation.stepKey} significantly against the expected direction`
        : `at the final look any effect on ${expectation.stepKey} is smaller than ${percent(minimumEffect, 0)}`;
    } else if (finalLook || input.stopped) {
      status = 'inconclusive';
      reason = finalLook ? `no significant effect at the final look` : `stopped at ${progress}`;
    } else {
      status = 'running';
      reason = `no significant effect yet, at ${progress}`;
    }
  }
  return { result: { ...base, status, reason }, state: { looks, status, reason } };
}

/**
 * "validated for Small businesses (paid); running for Enterprise (paid)": the expectations as
 * the verdict's reason mentions them, each cohort by its name when `nameOf` knows it.
 */
export function expectationsSentence(results: ExpectationResult[], nameOf: (cohortKey: string) => string = (key) => key): string {
  return results.map((r) => `${r.status} for ${nameOf(r.cohortKey)} (${r.stepKey})`).join('; ');
}
