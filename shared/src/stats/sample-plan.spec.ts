import { planSampleSize } from './sample-plan';
import { StatsInputError } from './stats-input.error';

const base = { baselineRate: 0.1, minimumEffect: 0.1, alpha: 0.05, power: 0.8 };

// Reference (python3): the fixed-horizon size is 14751 (sample-size.spec.ts); the 20-look
// Lan–DeMets design reaches power 0.8 at drift 2.865691046038039 by the independent integration
// (reference/group_sequential_power_ref.py, power 0.79999), so
//   from statistics import NormalDist as N; fd = N().inv_cdf(0.975) + N().inv_cdf(0.8)
//   infl = (2.865691046038039 / fd)**2            # 1.0462875530381197
//   math.ceil(14751 * infl), math.ceil(14751 * infl * 0.7)   # 15434 10804
describe('planSampleSize', () => {
  it('inflates the sequential plan to keep its power, and shrinks it by the expected variance reduction', () => {
    const plan = planSampleSize({ ...base, method: 'sequential', expectedVarianceReduction: 0.3 });
    expect(plan.fixedHorizon).toBe(14751);
    expect(plan.inflation).toBeCloseTo(1.0462875530381197, 6);
    expect(plan.plannedSampleSizeWithout).toBe(15434);
    expect(plan.plannedSampleSize).toBe(10804);
    expect(plan.expectedVarianceReduction).toBe(0.3);
  });

  it('does not inflate the fixed and mSPRT plans', () => {
    for (const method of ['fixed', 'msprt'] as const) {
      const plan = planSampleSize({ ...base, method });
      expect(plan).toMatchObject({ plannedSampleSize: 14751, plannedSampleSizeWithout: 14751, inflation: 1, expectedVarianceReduction: 0 });
      // ceil(14751 · 0.5) = 7376
      expect(planSampleSize({ ...base, method, expectedVarianceReduction: 0.5 }).plannedSampleSize).toBe(7376);
    }
  });

  it('rejects a reduction outside [0, 1)', () => {
    for (const bad of [-0.1, 1, Number.NaN]) {
      expect(() => planSampleSize({ ...base, method: 'fixed', expectedVarianceReduction: bad })).toThrow(StatsInputError);
    }
  });
});
