import { compareTreatments, variantRates } from './compare-treatments';

const counts = {
  control: { units: 1000, reached: 200, deviated: 10 },
  a: { units: 1000, reached: 235, deviated: 0 },
  b: { units: 1000, reached: 215, deviated: 0 },
};
const input = {
  counts,
  controlKey: 'control',
  treatmentKeys: ['a', 'b'],
  method: 'fixed' as const,
  alpha: 0.05,
  testAlpha: 0.025,
  plannedSampleSize: 1000,
};

describe('compareTreatments', () => {
  // Pooled two-proportion z-test computed independently in Python (math.erfc):
  // p = erfc(|z|/√2), z = (p_t − p_c)/√(p̂(1−p̂)·2/n): 235 vs 200 of 1000 → 0.0578199 (z² = 3.59884),
  // 215 vs 200 of 1000 → 0.4081701 (z² = 0.684125).
  it('compares every treatment with control on one population and Holm-adjusts across them', () => {
    const { comparisons, verdictComparisons } = compareTreatments(input);
    expect(comparisons.map((c) => c.variantKey)).toEqual(['a', 'b']);
    expect(comparisons[0].absoluteLift).toBeCloseTo(0.035, 12);
    expect(comparisons[0].pValue).toBeCloseTo(0.0578199, 6);
    expect(comparisons[1].pValue).toBeCloseTo(0.4081701, 6);
    expect(comparisons[0].adjustedPValue).toBeCloseTo(2 * comparisons[0].pValue, 12);
    expect(comparisons[1].adjustedPValue).toBeCloseTo(comparisons[1].pValue, 12);
    expect(verdictComparisons.every((c) => c.plannedSampleReached)).toBe(true);
  });

  it('carries the looks that counted and treats a missing arm as empty', () => {
    const sequential = { ...input, method: 'sequential' as const, counts: { control: counts.control, a: counts.a } };
    const first = compareTreatments(sequential);
    expect(first.state.a.looks).toEqual([{ informationFraction: 1, z: expect.any(Number) }]);
    expect(first.state.b.looks).toEqual([]);
    expect(first.comparisons[1]).toMatchObject({ variantKey: 'b', absoluteLift: 0, pValue: 1, significant: false });
    const again = compareTreatments({ ...sequential, previous: first.state });
    expect(again.state.a.looks).toHaveLength(1);
  });
});

describe('variantRates', () => {
  it('reports conversion, step-through and deviation rates', () => {
    const [control] = variantRates(['control'], counts, { control: { units: 1000, reached: 400, deviated: 0 } });
    expect(control).toEqual({
      variantKey: 'control',
      units: 1000,
      reached: 200,
      deviated: 10,
      rate: 0.2,
      stepThroughRate: 0.5,
      deviationRate: 0.01,
    });
    expect(variantRates(['a'], counts, null)[0].stepThroughRate).toBeNull();
  });
});
