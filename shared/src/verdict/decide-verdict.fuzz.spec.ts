import type { AnalysisMethod } from '../vocabularies';
import { compareStep } from '../stats/compare-step';
import { alphaSplit } from '../stats/alpha-split';
import { srm } from '../stats/srm';
import { decideVerdict } from './decide-verdict';
import type { VerdictStep } from './verdict.types';

// Edge cases end to end: tiny, empty, all-or-nothing and unequal arms through compareStep and
// decideVerdict must give defined numbers and readable reasons, never NaN.
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

describe('compareStep and decideVerdict on edge-case counts', () => {
  it('never produce NaN, whatever the counts', () => {
    const random = seeded(42);
    const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
    for (let run = 0; run < 400; run++) {
      const method = pick<AnalysisMethod>(['sequential', 'fixed', 'msprt']);
      const units = () => pick([0, 1, 2, 5, 17, 100, 2500]);
      const arm = () => {
        const n = units();
        const x = pick([0, n, Math.floor(random() * (n + 1))]);
        return { units: n, conversions: x };
      };
      const treatmentKeys = ['b', 'c'].slice(0, 1 + Math.floor(random() * 2));
      const alphas = alphaSplit({
        alpha: 0.05,
        treatments: treatmentKeys.length,
        primaryStepKey: 'need_met',
        guardrailStepKeys: ['checkout'],
      });
      const steps: VerdictStep[] = ['need_met', 'checkout'].map((stepKey) => {
        const control = arm();
        return {
          stepKey,
          comparisons: treatmentKeys.map((variantKey) => {
            const result = compareStep({
              control,
              treatment: arm(),
              method,
              alpha: 0.05,
              testAlpha: stepKey === 'need_met' ? alphas.primary : alphas.guardrail,
              plannedSampleSize: pick([1, 50, 1000]),
              previousLooks: random() < 0.5 ? [] : [{ informationFraction: 0.01, z: 0.3 }],
              tau2: 1e-4,
            });
            for (const value of [result.absoluteLift, result.z, result.pValue, result.chanceToBeatControl]) {
              expect(Number.isNaN(value)).toBe(false);
            }
            expect(result.ciAbsolute.some(Number.isNaN)).toBe(false);
            expect(result.ciRelative?.some(Number.isNaN) ?? false).toBe(false);
            expect(Number.isNaN(result.expectedLoss.control) || Number.isNaN(result.expectedLoss.treatment)).toBe(false);
            return { variantKey, ...result };
          }),
        };
      });
      const verdict = decideVerdict({
        method,
        alpha: 0.05,
        direction: pick(['increase', 'decrease'] as const),
        minimumEffect: 0.05,
        primaryStepKey: 'need_met',
        guardrailStepKeys: ['checkout'],
        controlKey: 'a',
        treatmentKeys,
        steps,
        srm: srm([units(), units()], [0.5, 0.5]),
        finalLook: random() < 0.3,
        stopped: random() < 0.1,
      });
      expect(['running', 'validated', 'refuted', 'inconclusive', 'blocked']).toContain(verdict.status);
      expect(verdict.reason).not.toMatch(/NaN|undefined|null|Infinity|—/);
      expect(verdict.reason.length).toBeGreaterThan(10);
    }
  });
});
