import type { Comparison, Results } from './analyses';
import { iterationLifts } from './iterations';

function comparison(variantKey: string, relativeLift: number, significant = false): Comparison {
  return {
    variantKey,
    absoluteLift: relativeLift * 0.2,
    relativeLift,
    ciRelative: [relativeLift - 0.1, relativeLift + 0.1],
    ciAbsolute: [relativeLift * 0.2 - 0.02, relativeLift * 0.2 + 0.02],
    pValue: 0.5,
    adjustedPValue: 0.5,
    significant,
    sequential: null,
    chanceToBeatControl: 0.5,
    expectedLoss: { control: 0, treatment: 0 },
  };
}

function results(verdictVariant: string | null): Results {
  return {
    analysisId: 'a1',
    experimentKey: 'exp',
    ranAt: '2026-11-22T00:00:00.000Z',
    trigger: 'scheduled',
    durationMs: 1,
    postDecision: false,
    srm: { pValue: 0.5, flagged: false },
    progress: { fraction: 1, unitsPerVariant: {}, plannedSampleSize: 1000, expectedDate: null },
    verdict: { status: 'running', reason: '', variantKey: verdictVariant, final: false },
    steps: [
      { stepKey: 'activated', variants: [], comparisons: [comparison('b', 0.3, true), comparison('c', -0.1)] },
      { stepKey: 'paid', variants: [], comparisons: [comparison('b', 0.05), comparison('c', 0.2)] },
    ],
  };
}

describe('iterationLifts', () => {
  it("takes the primary step's lift of the chosen treatment and the business outcome's of the same treatment", () => {
    expect(iterationLifts(results(null), 'activated', 'paid', 'increase')).toEqual({
      primary: { stepKey: 'activated', variantKey: 'b', relativeLift: 0.3, ciRelative: [0.3 - 0.1, 0.3 + 0.1], significant: true },
      businessOutcome: { stepKey: 'paid', variantKey: 'b', relativeLift: 0.05, ciRelative: [0.05 - 0.1, 0.05 + 0.1], significant: false },
    });
  });

  it('follows the treatment the verdict named', () => {
    const lifts = iterationLifts(results('c'), 'activated', 'paid', 'increase');
    expect(lifts.primary?.variantKey).toBe('c');
    expect(lifts.businessOutcome).toMatchObject({ variantKey: 'c', relativeLift: 0.2 });
  });

  it('has no business-outcome lift without such a step, and nothing without a primary comparison', () => {
    expect(iterationLifts(results(null), 'activated', null, 'increase').businessOutcome).toBeNull();
    expect(iterationLifts(results(null), 'missing', 'paid', 'increase')).toEqual({ primary: null, businessOutcome: null });
  });
});
