import { DomainError } from '../common/domain-error';
import { sameValue } from '../common/same-value';
import { checkForcedVariants, checkVariants, plannedSampleSize } from './experiment-rules';

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

describe('plannedSampleSize', () => {
  const variants = checkVariants([{ key: 'a', weight: 0.5, control: true }, { key: 'b', weight: 0.5 }]);
  // Reference: DESIGN §4's formula evaluated with Python's statistics.NormalDist → 6509.47, ceil 6510.
  it('matches the independently computed reference', () => {
    expect(plannedSampleSize({ baselineRate: 0.2, minimumEffect: 0.1, direction: 'increase', alpha: 0.05, power: 0.8, variants })).toBe(6510);
  });

  it('reports an impossible p2 on baselineRate', () => {
    const problems = problemsOf(() =>
      plannedSampleSize({ baselineRate: 0.3, minimumEffect: 1, direction: 'decrease', alpha: 0.05, power: 0.8, variants }),
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
