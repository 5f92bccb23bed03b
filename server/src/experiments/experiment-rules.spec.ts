import { DomainError } from '../common/domain-error';
import { sameValue } from '../common/same-value';
import { checkForcedVariants, checkVariants, samplePlan } from './experiment-rules';

function problemsOf(run: () => unknown): { field: string; reason: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.errors ?? [];
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('checkVariants', () => {
  it('normalises names and control flags, keeping the order', () => {
    expect(checkVariants([{ key: 'b', weight: 0.3 }, { key: 'a', weight: 0.7, control: true }])).toEqual([
      { key: 'b', name: null, weight: 0.3, control: false },
      { key: 'a', name: null, weight: 0.7, control: true },
    ]);
  });

  it('accepts a sum within 1e-6 and refuses one outside it', () => {
    const third = 1 / 3;
    expect(() => checkVariants([{ key: 'a', weight: third, control: true }, { key: 'b', weight: third }, { key: 'c', weight: third }])).not.toThrow();
    expect(problemsOf(() => checkVariants([{ key: 'a', weight: 0.5, control: true }, { key: 'b', weight: 0.500002 }]))).toEqual([
      { field: 'variants', reason: expect.stringMatching(/sum to 1/) },
    ]);
  });

  it('names duplicate keys and a missing control together', () => {
    const problems = problemsOf(() => checkVariants([{ key: 'a', weight: 0.5 }, { key: 'a', weight: 0.5 }]));
    expect(problems.map((p) => p.field)).toEqual(['variants[1].key', 'variants']);
  });
});

describe('checkForcedVariants', () => {
  it('refuses a unit forced into a variant that does not exist', () => {
    const variants = checkVariants([{ key: 'a', weight: 0.5, control: true }, { key: 'b', weight: 0.5 }]);
    expect(checkForcedVariants({ u1: 'b' }, variants)).toEqual({ u1: 'b' });
    expect(problemsOf(() => checkForcedVariants({ u1: 'c' }, variants))[0].field).toBe('forcedVariants.u1');
  });
});

describe('samplePlan', () => {
  const variants = checkVariants([{ key: 'a', weight: 0.5, control: true }, { key: 'b', weight: 0.5 }]);
  const plan = { baselineRate: 0.2, minimumEffect: 0.1, direction: 'increase' as const, alpha: 0.05, power: 0.8, variants };
  // Reference: the fixed-horizon formula evaluated with Python's statistics.NormalDist → 6509.47, ceil 6510.
  it('matches the independently computed reference', () => {
    expect(samplePlan({ ...plan, method: 'fixed', expectedVarianceReduction: 0 }).plannedSampleSize).toBe(6510);
  });

  it('sizes the sequential plan for its power and CUPED', () => {
    // 6510 × the 20-look inflation 1.0462875530381197 (sample-plan.spec.ts): python3
    //   math.ceil(6510*1.0462875530381197), math.ceil(6510*1.0462875530381197*0.75)  # 6812 5109
    const result = samplePlan({ ...plan, method: 'sequential', expectedVarianceReduction: 0.25 });
    expect(result).toMatchObject({ plannedSampleSize: 5109, plannedSampleSizeWithout: 6812, fixedHorizon: 6510 });
  });

  it('reports an impossible p2 on baselineRate', () => {
    const problems = problemsOf(() =>
      samplePlan({ ...plan, baselineRate: 0.3, minimumEffect: 1, direction: 'decrease', method: 'fixed', expectedVarianceReduction: 0 }),
    );
    expect(problems).toEqual([{ field: 'baselineRate', reason: expect.stringMatching(/minimum effect 1 \(decrease\)/) }]);
  });
});

describe('sameValue', () => {
  it('ignores key order but not values', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue('x', 'x')).toBe(true);
  });
});
