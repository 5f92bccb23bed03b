import type { AnalysisMethod } from '../vocabularies';

/** Which way a comparison moved significantly at this look, if it did. */
export type Movement = 'up' | 'down' | null;

export interface SignificanceInput {
  method: AnalysisMethod;
  /** The step's Bonferroni-split alpha (`alphaSplit`: alpha/k on the primary step, alpha/g on guardrails). */
  testAlpha: number;
  absoluteLift: number;
  /** Fixed-horizon two-sided p-value. */
  pValue: number;
  /** Latest sequential look; its bounds were computed at testAlpha. */
  sequential?: { z: number; upperBound: number; lowerBound: number } | null;
  /** Always-valid p-value (method msprt). */
  msprt?: { pValue: number } | null;
  /** Both arms reached the planned sample (method fixed only tests then: no peeking). */
  plannedSampleReached: boolean;
}

/**
 * "Significant up/down" of the verdict rule (docs/architecture.md): sequential, z crosses a boundary at this look; msprt,
 * the always-valid p is below the split alpha, in the sign of the lift; fixed, the z-test at
 * or after the planned sample only. Missing or non-finite numbers are never significant.
 */
export function significantMovement(input: SignificanceInput): Movement {
  const sign = (d: number): Movement => (d > 0 ? 'up' : d < 0 ? 'down' : null);
  switch (input.method) {
    case 'sequential': {
      const look = input.sequential;
      if (!look || !Number.isFinite(look.z)) return null;
      if (look.z >= look.upperBound) return 'up';
      if (look.z <= look.lowerBound) return 'down';
      return null;
    }
    case 'msprt': {
      const p = input.msprt?.pValue;
      if (p === undefined || !Number.isFinite(p) || !(p < input.testAlpha)) return null;
      return sign(input.absoluteLift);
    }
    case 'fixed': {
      if (!input.plannedSampleReached || !Number.isFinite(input.pValue) || !(input.pValue < input.testAlpha)) {
        return null;
      }
      return sign(input.absoluteLift);
    }
    default:
      return null;
  }
}
