import type { Comparison, Results } from './analyses';
import { latestResultFrom } from './latest-result';

function comparison(variantKey: string, absoluteLift: number): Comparison {
  return {
    variantKey,
    absoluteLift,
    relativeLift: absoluteLift / 0.1,
    ciAbsolute: [absoluteLift - 0.01, absoluteLift + 0.01],
    ciRelative: [(absoluteLift - 0.01) / 0.1, (absoluteLift + 0.01) / 0.1],
    pValue: 0.5,
    adjustedPValue: 0.5,
    significant: false,
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
    progress: { fraction: 0.4, unitsPerVariant: {}, plannedSampleSize: 1000, expectedDate: null },
    verdict: { status: 'running', reason: '', variantKey: verdictVariant, final: false },
    steps: [
      { stepKey: 'other', variants: [], comparisons: [comparison('b', 0.5)] },
      { stepKey: 'paid', variants: [], comparisons: [comparison('b', 0.02), comparison('c', -0.03)] },
    ],
  };
}

describe('latestResultFrom', () => {
  it('takes the primary step of the treatment furthest in the expected direction', () => {
    expect(latestResultFrom(results(null), 'paid', 'increase')).toMatchObject({ variantKey: 'b', progress: 0.4 });
    expect(latestResultFrom(results(null), 'paid', 'decrease')).toMatchObject({ variantKey: 'c' });
  });

  it('prefers the treatment the verdict named', () => {
    expect(latestResultFrom(results('c'), 'paid', 'increase')).toMatchObject({ variantKey: 'c', experimentKey: 'exp' });
  });

  it('is null when the step has no comparison', () => {
    expect(latestResultFrom(results(null), 'missing', 'increase')).toBeNull();
  });
});
