import '../../testing/jsdom-polyfills';
import type { Hypothesis, HypothesisIteration } from '@verdict/shared';
import { iterationPoints } from './iterations-card';

const iteration = (version: number, primary: [number, number, number] | null): HypothesisIteration => ({
  version,
  statement: `v${version}`,
  primaryStepKey: 'activated',
  experimentKey: primary ? `exp-${version}` : null,
  analysisId: primary ? `a-${version}` : null,
  ranAt: null,
  verdict: primary ? 'running' : null,
  primary: primary ? { stepKey: 'activated', variantKey: 't', relativeLift: primary[0], ciRelative: [primary[1], primary[2]], significant: false } : null,
  businessOutcome: null,
});

const versions = [
  { version: 1, expectedDirection: 'increase', minimumEffect: 0.1 },
  { version: 2, expectedDirection: 'decrease', minimumEffect: 0.05 },
] as Hypothesis['versions'];

describe('iterationPoints', () => {
  it("gives each version its lift, the interval as distances below and above, and the signed minimum effect", () => {
    const [first, second] = iterationPoints([iteration(1, [0.2, 0.05, 0.4]), iteration(2, null)], versions);
    expect(first.label).toBe('v1');
    expect(first.primary).toBe(0.2);
    expect(first.primaryError![0]).toBeCloseTo(0.15, 12);
    expect(first.primaryError![1]).toBeCloseTo(0.2, 12);
    expect(first.minimumEffect).toBe(0.1);
    expect(first.outcome).toBeNull();
    expect(second).toEqual({ label: 'v2', primary: null, primaryError: null, outcome: null, outcomeError: null, minimumEffect: -0.05 });
  });
});
