import {
  driftForPower,
  groupSequentialBounds,
  obrienFlemingSpending,
  PLANNED_LOOKS,
  sequentialInflation,
  sequentialTest,
  upperCrossingProbability,
} from './group-sequential';
import { normalUpperQuantile } from './normal';
import { StatsInputError } from './stats-input.error';

const equal = (k: number) => Array.from({ length: k }, (_, i) => (i + 1) / k);

// Independent reference: `python3 shared/src/stats/reference/group_sequential_ref.py <fractions> <alpha>`,
// a uniform z-grid trapezoid recursion with bisection and math.erfc tails (h = 0.004), written
// separately from the score-grid Simpson code under test.
const REF_14 = [
  8.30465020898813, 5.815327421049044, 4.702601203270902, 4.037216972865549, 3.5869283815550546, 3.2584766483510625,
  3.0059260906599246, 2.804128093665242, 2.638150555150598, 2.4985370024282574, 2.378982581515513, 2.275105440419056,
  2.183754738452947, 2.1025997020694422,
];
// 50 equal looks at h = 0.002 (about 3 minutes), the last six:
const REF_50_LAST = [2.2813288140005525, 2.2562456228061025, 2.2319721606100638, 2.2084657716130076, 2.185686881617955, 2.1635987172979503];

function expectWithin(actual: number[], expected: number[], tolerance: number) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(tolerance));
}

describe('groupSequentialBounds (Lan–DeMets O’Brien–Fleming type)', () => {
  it('matches the published five-look boundaries at alpha = 0.05', () => {
    // Jennison & Turnbull (2000) / Lan & DeMets (1983): 4.877, 3.357, 2.680, 2.290, 2.031
    expectWithin(groupSequentialBounds(equal(5), 0.05), [4.877, 3.357, 2.68, 2.29, 2.031], 1e-3);
  });

  it('matches the published three-look boundaries at alpha = 0.05', () => {
    // Jennison & Turnbull (2000): 3.710, 2.511, 1.993
    expectWithin(groupSequentialBounds(equal(3), 0.05), [3.71, 2.511, 1.993], 1e-3);
  });

  it('gives the fixed-sample critical value for a single look at t = 1', () => {
    // python3: NormalDist().inv_cdf(0.975) = 1.959963984540054
    expectWithin(groupSequentialBounds([1], 0.05), [1.959963984540054], 1e-9);
  });

  it.each([
    [[0.5, 1], 0.05, [2.962588042727568, 1.9685954894468707]],
    [[0.3, 0.7, 1], 0.05, [3.9285725426260374, 2.4387423532250185, 2.0000081882722593]],
    [[0.1, 0.25, 0.45, 0.8, 1], 0.025, [7.811561139195175, 4.859940189755326, 3.544915195428759, 2.564743958349392, 2.293156289462016]],
    [[0.15, 0.5, 1], 0.01, [7.153224413326981, 3.801368597306981, 2.577585108281255]],
  ])('matches the independent integration at fractions %j, alpha %p', (fractions, alpha, expected) => {
    expectWithin(groupSequentialBounds(fractions, alpha), expected, 1e-4);
  });

  it('matches the independent integration for 14 daily looks and for 50 looks', () => {
    expectWithin(groupSequentialBounds(equal(14), 0.05), REF_14, 1e-4);
    expectWithin(groupSequentialBounds(equal(50), 0.05).slice(-6), REF_50_LAST, 1e-4);
  });

  it('matches the independent integration for 100 looks', () => {
    // The reference truncates its grid at |z| ≤ 12, so only looks whose bounds lie well inside
    // it compare (from the 5th on); [look index, bound]:
    const reference: [number, number][] = [[4, 9.955145708758597], [9, 6.994287854634159], [24, 4.389092690672987], [49, 3.0948308145907566], [74, 2.5246026920460203], [99, 2.185369416833149]];
    const bounds = groupSequentialBounds(equal(100), 0.05);
    for (const [i, expected] of reference) expect(Math.abs(bounds[i] - expected)).toBeLessThan(1e-4);
  });

  it('stays accurate with hundreds of hourly looks (two weeks of hourly analyses)', () => {
    const bounds = groupSequentialBounds(equal(336), 0.05);
    // Jennison & Turnbull's fixed r = 16 z-grid drifts to 3.52 here; their grid at r = 64 gives
    // 2.21030 for the last look, as does this score-grid integration at 6 points per sd.
    expect(Math.abs(bounds[335] - 2.2103)).toBeLessThan(1e-3);
    expect(bounds[0]).toBe(Infinity); // t = 1/336: 4·Q(2.2414·√336 = 41.1) underflows
    for (let i = 2; i < bounds.length; i++) expect(bounds[i]).toBeLessThan(bounds[i - 1]);
  });

  it('caps fractions above 1 and is Infinity where the spent alpha underflows', () => {
    expectWithin(groupSequentialBounds([0.5, 1.7], 0.05), [2.962588042727568, 1.9685954894468707], 1e-4);
    const bounds = groupSequentialBounds([0.001, 0.01, 0.3, 1], 0.05);
    expect(bounds[0]).toBe(Infinity); // 4·Q(2.2414/√0.001 = 70.9) is below the smallest double
    expect(Number.isFinite(bounds[1])).toBe(true);
    expect(bounds[1]).toBeGreaterThan(20);
    // An unspendable first look changes nothing after it: same as looks at 0.01, 0.3, 1.
    expectWithin(bounds.slice(1), groupSequentialBounds([0.01, 0.3, 1], 0.05), 1e-6);
  });

  it('resumes from the previous analysis: adding one look gives the same bounds as integrating afresh', () => {
    // Fractions nudged by 1e-9 so that nothing earlier in this file is reused; REF_14 still holds.
    const fractions = equal(14).map((t) => t * (1 - 1e-9));
    let bounds: number[] = [];
    for (let k = 1; k <= 14; k++) bounds = groupSequentialBounds(fractions.slice(0, k), 0.05);
    expectWithin(bounds, REF_14, 1e-4);
    // Two weeks of hourly looks, one analysis at a time (how fast: npm run bench:boundaries).
    const hourly = equal(336).map((t) => t * (1 - 2e-9));
    groupSequentialBounds(hourly.slice(0, 335), 0.05);
    const next = groupSequentialBounds(hourly, 0.05);
    expect(Math.abs(next[335] - 2.2103)).toBeLessThan(1e-3);
  });

  it('answers repeated questions from its cache with independent copies', () => {
    const first = groupSequentialBounds([0.25, 0.5], 0.05);
    first[0] = 0;
    const second = groupSequentialBounds([0.25, 0.5], 0.05);
    expect(second[0]).toBeGreaterThan(3);
    expect(groupSequentialBounds([0.25, 0.5], 0.01)[1]).toBeGreaterThan(second[1]);
  });

  it('rejects fractions that do not increase', () => {
    expect(() => groupSequentialBounds([0.5, 0.5], 0.05)).toThrow(StatsInputError);
    expect(() => groupSequentialBounds([0.5, 1, 1.2], 0.05)).toThrow(/^informationFractions\[2\] /);
    expect(() => groupSequentialBounds([0, 1], 0.05)).toThrow(/^informationFractions\[0\] /);
    expect(groupSequentialBounds([], 0.05)).toEqual([]);
  });
});

describe('obrienFlemingSpending', () => {
  it('spends 2·(2 − 2Φ(z_{1−α/4}/√t)) in total', () => {
    // python3: c=NormalDist().inv_cdf(1-0.05/4); 2*math.erfc(c/math.sqrt(t)/math.sqrt(2))
    expect(obrienFlemingSpending(0.5, 0.05)).toBeCloseTo(0.003050645515977809, 12);
    expect(obrienFlemingSpending(0.2, 0.05) / 1.0777425258117401e-6).toBeCloseTo(1, 9);
    expect(obrienFlemingSpending(1, 0.05)).toBeCloseTo(0.05, 12);
    expect(obrienFlemingSpending(3, 0.05)).toBeCloseTo(0.05, 12);
    expect(obrienFlemingSpending(0, 0.05)).toBe(0);
  });
});

describe('sequentialTest', () => {
  const fiveLooks = [4.877, 3.357, 2.68, 2.29, 2.031];

  it('reports an upper crossing at the current look with the alpha spent', () => {
    const looks = [0.2, 0.4, 0.6].map((t, i) => ({ informationFraction: t, z: [1, 2, 2.9][i] }));
    const result = sequentialTest({ looks, alpha: 0.05 });
    expect(result.crossed).toBe('upper');
    expect(result.look).toBe(3);
    expect(Math.abs(result.upperBound - fiveLooks[2])).toBeLessThan(1e-3);
    expect(result.lowerBound).toBe(-result.upperBound);
    expect(result.alphaSpent).toBeCloseTo(obrienFlemingSpending(0.6, 0.05), 15);
    expect(result.bounds).toHaveLength(3);
  });

  it('reports a lower crossing and no crossing inside the boundaries', () => {
    expect(sequentialTest({ looks: [{ informationFraction: 0.2, z: -5 }], alpha: 0.05 }).crossed).toBe('lower');
    expect(sequentialTest({ looks: [{ informationFraction: 0.2, z: 4.5 }], alpha: 0.05 }).crossed).toBeNull();
  });

  it('adds no look when the fraction does not grow, and judges against the previous boundary', () => {
    const looks = [
      { informationFraction: 0.2, z: 1 },
      { informationFraction: 0.4, z: 2 },
      { informationFraction: 0.4, z: 3.4 },
    ];
    const result = sequentialTest({ looks, alpha: 0.05 });
    expect(result.look).toBe(2);
    expect(result.bounds).toHaveLength(2);
    expect(result.z).toBe(3.4);
    expect(result.crossed).toBe('upper');
  });

  it('treats t = 0 as no look and stays defined', () => {
    const result = sequentialTest({ looks: [{ informationFraction: 0, z: 0 }], alpha: 0.05 });
    expect(result).toEqual({
      crossed: null,
      look: 0,
      bounds: [],
      alphaSpent: 0,
      informationFraction: 0,
      z: 0,
      upperBound: Infinity,
      lowerBound: -Infinity,
    });
    expect(sequentialTest({ looks: [], alpha: 0.05 }).look).toBe(0);
  });

  it('caps looks past the planned sample: the first t ≥ 1 is the final look, later ones add none', () => {
    const looks = [
      { informationFraction: 0.5, z: 1 },
      { informationFraction: 1.1, z: 1.5 },
      { informationFraction: 1.3, z: 2.0 },
    ];
    const result = sequentialTest({ looks, alpha: 0.05 });
    expect(result.look).toBe(2);
    expect(result.informationFraction).toBe(1);
    expect(Math.abs(result.upperBound - 1.9685954894468707)).toBeLessThan(1e-4);
    expect(result.crossed).toBe('upper');
    expect(result.alphaSpent).toBeCloseTo(0.05, 12);
  });

  it('ignores a non-finite z instead of leaking NaN', () => {
    const result = sequentialTest({ looks: [{ informationFraction: 0.3, z: Number.NaN }], alpha: 0.05 });
    expect(result.z).toBe(0);
    expect(result.crossed).toBeNull();
  });
});

describe('upperCrossingProbability and the inflation of the sequential plan', () => {
  // Jennison & Turnbull, "Group Sequential Methods with Applications to Clinical Trials" (2000),
  // Table 2.3: O'Brien & Fleming's tests (bounds C_B·√(K/k) at K equally spaced looks), two-sided
  // alpha 0.05: constants C_B(K) and the ratio R_B(K) of the maximum to the fixed sample size
  // for power 0.8 and 0.9.
  const JT_TABLE_2_3: [number, number, number, number][] = [
    // K, C_B, R_B at power 0.8, R_B at power 0.9
    [2, 1.977, 1.008, 1.007],
    [3, 2.004, 1.017, 1.016],
    [4, 2.024, 1.024, 1.022],
    [5, 2.04, 1.028, 1.026],
    [10, 2.087, 1.04, 1.037],
  ];
  const fixedDrift = (power: number) => normalUpperQuantile(0.025) + normalUpperQuantile(1 - power);

  it.each(JT_TABLE_2_3)("reproduces O'Brien & Fleming's constant and R for K = %i", (k, cB, r80, r90) => {
    const fractions = equal(k);
    const obf = (c: number) => fractions.map((t) => c / Math.sqrt(t));
    // C_B: the constant whose two-sided crossing chance under the null is exactly 0.05.
    let lo = 1.9;
    let hi = 2.3;
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      if (2 * upperCrossingProbability(fractions, obf(mid), 0) > 0.05) lo = mid;
      else hi = mid;
    }
    const c = (lo + hi) / 2;
    expect(Math.abs(c - cB)).toBeLessThan(6e-4); // the table rounds to 3 decimals
    for (const [power, r] of [[0.8, r80], [0.9, r90]]) {
      const ratio = (driftForPower(fractions, obf(c), power) / fixedDrift(power)) ** 2;
      expect(Math.abs(ratio - r)).toBeLessThan(6e-4);
    }
  });

  it('spends exactly alpha/2 upwards under the null with Lan–DeMets bounds', () => {
    for (const k of [1, 5, 14]) {
      expect(upperCrossingProbability(equal(k), groupSequentialBounds(equal(k), 0.05), 0)).toBeCloseTo(0.025, 8);
    }
  });

  it('matches the independent integration of the power under a drift', () => {
    // python3 shared/src/stats/reference/group_sequential_power_ref.py 0.2,0.4,0.6,0.8,1 0.05 3.0 0.005
    //   → power 0.8424419452626044 (its own trapezoid grid and bisected bounds)
    expect(Math.abs(upperCrossingProbability(equal(5), groupSequentialBounds(equal(5), 0.05), 3) - 0.8424419452626044)).toBeLessThan(1e-5);
  });

  it('sizes the 20-look Lan–DeMets design so that it keeps the requested power', () => {
    expect(PLANNED_LOOKS).toBe(20);
    expect(sequentialInflation({ alpha: 0.05, power: 0.8, looks: 1 })).toBeCloseTo(1, 8);
    const inflation = sequentialInflation({ alpha: 0.05, power: 0.8 });
    // Between the five-look (J&T: 1.028 for the classical design) and the continuous-monitoring ends.
    expect(inflation).toBeGreaterThan(1.03);
    expect(inflation).toBeLessThan(1.06);
    // The independent integration at the drift this inflation implies gives the power back:
    //   python3 .../group_sequential_power_ref.py 0.05,0.1,…,1 0.05 2.865691046038039 0.005
    //   → power 0.7999909929634548
    const drift = Math.sqrt(inflation) * fixedDrift(0.8);
    expect(drift).toBeCloseTo(2.865691046038039, 6);
    expect(Math.abs(upperCrossingProbability(equal(20), groupSequentialBounds(equal(20), 0.05), drift) - 0.7999909929634548)).toBeLessThan(2e-5);
    // More power and a smaller alpha keep it in the same narrow band.
    expect(sequentialInflation({ alpha: 0.025, power: 0.9 })).toBeGreaterThan(1.02);
    expect(sequentialInflation({ alpha: 0.025, power: 0.9 })).toBeLessThan(1.06);
  });
});
