import type { Direction } from '../vocabularies';
import { normalUpperQuantile } from './normal';
import { StatsInputError, requireOpenUnit } from './stats-input.error';

export interface SampleSizeInput {
  /** Expected conversion rate of the primary step in control, 0 < p < 1. */
  baselineRate: number;
  /** Smallest relative change worth detecting, > 0 (0.05 = 5 %). */
  minimumEffect: number;
  /** Two-sided family alpha; divided by the number of treatments (Bonferroni). */
  alpha: number;
  /** Chance to detect an effect of exactly the minimum effect. */
  power: number;
  direction?: Direction;
  /** Number of treatment variants compared with control (default 1). */
  treatments?: number;
}

/**
 * Units per variant for a two-sided two-proportion z-test (docs/statistics.md):
 * n = ceil((z_{1−α/2}·sqrt(2p̄(1−p̄)) + z_{1−β}·sqrt(p1(1−p1)+p2(1−p2)))² / (p2−p1)²).
 * Throws StatsInputError (a RangeError naming the field) on impossible input.
 */
export function sampleSizePerVariant(input: SampleSizeInput): number {
  const { baselineRate: p1, minimumEffect, alpha, power } = input;
  const direction = input.direction ?? 'increase';
  const treatments = input.treatments ?? 1;
  requireOpenUnit('baselineRate', p1);
  if (!Number.isFinite(minimumEffect) || minimumEffect <= 0) {
    throw new StatsInputError('minimumEffect', 'must be a number greater than 0');
  }
  requireOpenUnit('alpha', alpha);
  requireOpenUnit('power', power);
  if (direction !== 'increase' && direction !== 'decrease') {
    throw new StatsInputError('direction', "must be 'increase' or 'decrease'");
  }
  if (!Number.isInteger(treatments) || treatments < 1) {
    throw new StatsInputError('treatments', 'must be a positive integer');
  }
  const p2 = direction === 'increase' ? p1 * (1 + minimumEffect) : p1 * (1 - minimumEffect);
  if (!(p2 > 0 && p2 < 1)) {
    throw new StatsInputError(
      'minimumEffect',
      `moves the baseline rate ${p1} to ${roundForMessage(p2)}, outside (0, 1): choose a smaller effect`,
    );
  }
  const zAlpha = normalUpperQuantile(alpha / treatments / 2);
  const zBeta = normalUpperQuantile(1 - power);
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  // The tiny slack keeps an exact integer (up to rounding noise) from becoming the next one.
  return Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)) - 1e-9);
}

function roundForMessage(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
