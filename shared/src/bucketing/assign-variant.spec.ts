import * as jstat from 'jstat';
import { assignVariant, bucket, variantForBucket } from './assign-variant';
import { murmur3 } from './murmur3';

const ids = (n: number, prefix = 'unit') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('bucket(seed, unitId)', () => {
  it('is murmur3 of "<seed>:<unitId>" over 2^32, in [0, 1)', () => {
    // murmur3('foo', 0) = 4138058784 (Python mmh3's documented value), so "f:oo"-style
    // composition is checked on a literal: utf8("exp:42") hashed and scaled by 2^32.
    expect(bucket('exp', '42')).toBe(murmur3('exp:42', 0) / 4294967296);
    expect(bucket('', 'foo')).toBe(murmur3(':foo') / 2 ** 32);
    for (const id of ids(1000)) {
      const u = bucket('seed', id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('gives non-ASCII ids their UTF-8 hash', () => {
    // utf8("s:Zoë-中") is 10 bytes; its murmur3 (seed 0) is 726680716, checked against the
    // independent Math.imul implementation of murmur3.spec.ts. Hashing UTF-16 code units instead
    // would give another value.
    expect(new TextEncoder().encode('s:Zoë-中').length).toBe(10);
    expect(bucket('s', 'Zoë-中')).toBe(726680716 / 2 ** 32);
    expect(bucket('s', 'Zoë-中')).not.toBe(bucket('s', 'Zoe-中'));
  });

  it('spreads 100,000 ids uniformly over [0, 1) (chi-square, 100 bins)', () => {
    const bins = new Array<number>(100).fill(0);
    for (const id of ids(100000)) bins[Math.floor(bucket('uniformity', id) * 100)]++;
    const expected = 1000;
    const chiSquare = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // Critical value chi2(0.999, df=99) = 148.23 (NIST/SEMATECH chi-square table).
    expect(jstat.chisquare.inv(0.999, 99)).toBeCloseTo(148.23, 2);
    expect(chiSquare).toBeLessThan(148.23);
  });
});

describe('variantForBucket: each variant owns its coverage-scaled range', () => {
  const variants = [
    { key: 'control', weight: 0.2 },
    { key: 'a', weight: 0.3 },
    { key: 'b', weight: 0.5 },
  ];

  it('places u by a reference table of ranges', () => {
    // Coverage 0.5: control [0, 0.1), a [0.2, 0.35), b [0.5, 0.75); everything else is out.
    const cases: [number, string | null][] = [
      [0, 'control'],
      [0.0999, 'control'],
      [0.1, null],
      [0.1999, null],
      [0.2, 'a'],
      [0.3499, 'a'],
      [0.35, null],
      [0.4999, null],
      [0.5, 'b'],
      [0.7499, 'b'],
      [0.75, null],
      [0.9999, null],
    ];
    for (const [u, expected] of cases) expect(variantForBucket(variants, 0.5, u)).toBe(expected);
    // Full coverage: contiguous ranges.
    expect(variantForBucket(variants, 1, 0.1999)).toBe('control');
    expect(variantForBucket(variants, 1, 0.2)).toBe('a');
    expect(variantForBucket(variants, 1, 0.4999)).toBe('a');
    expect(variantForBucket(variants, 1, 0.5)).toBe('b');
    expect(variantForBucket(variants, 1, 0.999999)).toBe('b');
  });

  it('splits 100,000 ids by the weights (chi-square goodness of fit)', () => {
    const counts: Record<string, number> = { control: 0, a: 0, b: 0 };
    for (const id of ids(100000)) counts[variantForBucket(variants, 1, bucket('weights', id))!]++;
    const chiSquare = variants.reduce(
      (sum, v) => sum + (counts[v.key] - 100000 * v.weight) ** 2 / (100000 * v.weight),
      0,
    );
    // chi2(0.999, df=2) = 13.816 (NIST/SEMATECH chi-square table).
    expect(jstat.chisquare.inv(0.999, 2)).toBeCloseTo(13.816, 3);
    expect(chiSquare).toBeLessThan(13.816);
  });

  it('never moves a unit when coverage grows, and takes in about the coverage', () => {
    const coverages = [0.05, 0.1, 0.25, 0.5, 0.8, 1];
    const population = ids(100000, 'grow');
    let previous: (string | null)[] = population.map(() => null);
    for (const coverage of coverages) {
      const current = population.map((id) => variantForBucket(variants, coverage, bucket('grow-seed', id)));
      current.forEach((variant, i) => {
        if (previous[i] !== null) expect(variant).toBe(previous[i]);
      });
      const share = current.filter((v) => v !== null).length / population.length;
      expect(Math.abs(share - coverage)).toBeLessThan(0.01);
      previous = current;
    }
  });
});

describe('assignVariant(experiment, unitId, attributes)', () => {
  const experiment = {
    seed: 'checkout-v2',
    status: 'running' as const,
    coverage: 1,
    variants: [
      { key: 'control', weight: 0.5 },
      { key: 'treatment', weight: 0.5 },
    ],
    targeting: [{ key: 'smb', rules: [{ attribute: 'employees', op: 'lt' as const, value: 50 }], members: [] }],
    forcedVariants: { 'qa-1': 'treatment' },
  };

  it('checks forced, then running, then targeting, then coverage', () => {
    expect(assignVariant(experiment, 'qa-1', {})).toEqual({ inExperiment: true, variantKey: 'treatment', reason: 'forced' });
    expect(assignVariant({ ...experiment, status: 'paused' }, 'qa-1')).toMatchObject({ reason: 'forced' });
    expect(assignVariant({ ...experiment, status: 'paused' }, 'u-1', { employees: 10 })).toEqual({
      inExperiment: false,
      variantKey: null,
      reason: 'not_running',
    });
    expect(assignVariant(experiment, 'u-1', { employees: 500 })).toMatchObject({ inExperiment: false, reason: 'not_targeted' });
    expect(assignVariant(experiment, 'u-1', {})).toMatchObject({ reason: 'not_targeted' });
    const inside = assignVariant(experiment, 'u-1', { employees: 10 });
    expect(inside.reason).toBe('assigned');
    expect(inside.variantKey).toBe(variantForBucket(experiment.variants, 1, bucket('checkout-v2', 'u-1')));
  });

  it('reports not_in_coverage for units outside every range', () => {
    const narrow = { ...experiment, coverage: 0.1, targeting: [] };
    const outcomes = ids(2000).map((id) => assignVariant(narrow, id));
    const out = outcomes.filter((o) => o.reason === 'not_in_coverage').length;
    expect(out).toBeGreaterThan(1700);
    expect(out).toBeLessThan(1900);
    expect(outcomes.every((o) => o.inExperiment === (o.variantKey !== null))).toBe(true);
  });

  it('depends on the seed', () => {
    const other = { ...experiment, seed: 'another-seed', targeting: [] };
    const base = { ...experiment, targeting: [] };
    const differ = ids(1000).filter((id) => assignVariant(base, id).variantKey !== assignVariant(other, id).variantKey);
    expect(differ.length).toBeGreaterThan(400);
  });
});
