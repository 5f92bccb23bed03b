import { cupedCompare, cupedTheta, historyVarianceReduction, type CupedArmSums } from './cuped';
import { StatsInputError } from './stats-input.error';

// References: `python3 shared/src/stats/reference/cuped_ref.py nc yc xc xyc nt yt xt xyt [alpha]`,
// which expands the sums into unit lists and evaluates θ, the adjusted means, their variances,
// d and se² in exact rationals (fractions.Fraction), then se, z (math), p (math.erfc) and the
// intervals (statistics.NormalDist().inv_cdf). Values as it printed them.
type Ref = {
  theta: number;
  muC: number;
  muT: number;
  varC: number;
  varT: number;
  d: number;
  se: number;
  z: number;
  p: number;
  ci: [number, number];
  r: number;
  cir: [number, number];
  reduction: number;
};
const arm = (n: number, sumY: number, sumX: number, sumXY: number): CupedArmSums => ({ n, sumY, sumX, sumXY });
const cases: [string, CupedArmSums, CupedArmSums, number, Ref][] = [
  [
    'a typical pair of arms',
    arm(1000, 120, 300, 80),
    arm(1000, 150, 310, 95),
    0.05,
    { theta: 0.21821184241566408, muC: 0.12109105921207831, muT: 0.1489089407879217, varC: 9.649329688009376e-5, varT: 0.00011663523622956697, d: 0.02781788157584336, se: 0.014598922326995946, z: 1.9054750037544386, p: 0.05671835367224261, ci: [-0.0007954803981663691, 0.056431243549853086], r: 0.2297269654493917, cir: [-0.03254162143389355, 0.49199555233267694], reduction: 0.08659200095859686 },
  ],
  [
    'unequal arms at alpha 0.1',
    arm(5000, 500, 1500, 300),
    arm(4800, 560, 1400, 330),
    0.1,
    { theta: 0.15510204081632653, muC: 0.09936693044564765, muT: 0.11732611411911703, varC: 1.7152585035957627e-5, varT: 2.0265600360943352e-5, d: 0.017959183673469388, se: 0.006117040575057598, z: 2.9359268510819523, p: 0.003325527312288924, ci: [0.007897547297376583, 0.028020820049562193], r: 0.18073602146030682, cir: [0.07071094774295245, 0.2907610951776612], reduction: 0.05217583214662844 },
  ],
  [
    'a strong pre-period signal (ρ ≈ 0.5)',
    arm(2000, 400, 400, 250),
    arm(2000, 460, 410, 280),
    0.05,
    { theta: 0.5506618159300255, muC: 0.20137665453982506, muT: 0.22862334546017493, varC: 5.748076086825022e-5, varT: 6.216145825973625e-5, d: 0.027246690920349873, se: 0.010938108571777228, z: 2.49098742635015, p: 0.012738862789366902, ci: [0.005808392060677663, 0.04868498978002209], r: 0.13530213312269251, cir: [0.02169497558534525, 0.24890929066003978], reduction: 0.2905227053193564 },
  ],
  [
    'a negative lift with a highly significant z',
    arm(3000, 900, 600, 400),
    arm(3000, 780, 640, 350),
    0.05,
    { theta: 0.41038503253796094, muC: 0.30273590021691976, muT: 0.25726409978308024, varC: 5.8938557924893314e-5, varT: 5.682987609396619e-5, d: -0.04547180043383948, se: 0.010759574063077938, z: -4.226171051684883, p: 2.377013305593254e-5, ci: [-0.06656017808646353, -0.024383422781215427], r: -0.15020286791641663, cir: [-0.2147476773548093, -0.08565805847802396], reduction: 0.13720294825407642 },
  ],
  [
    'tiny arms',
    arm(7, 3, 4, 2),
    arm(9, 6, 5, 4),
    0.05,
    { theta: 0.24193548387096775, muC: 0.4264112903225806, muT: 0.6683467741935484, varC: 0.03991378028839007, varT: 0.025104058272632675, d: 0.24193548387096775, se: 0.2549859575761433, z: 0.9488188532841914, p: 0.3427127513613415, ci: [-0.2578278095417311, 0.7416987772836666], r: 0.5673758865248227, cir: [-1.0456909137392296, 2.1804426867888753], reduction: 0.052136634531866774 },
  ],
  [
    'no pre-period events at all (θ = 0)',
    arm(2000, 200, 0, 0),
    arm(2100, 250, 0, 0),
    0.05,
    { theta: 0, muC: 0.1, muT: 0.11904761904761904, varC: 4.5022511255627816e-5, varT: 4.996440373830968e-5, d: 0.01904761904761905, se: 0.009746123075045661, z: 1.954379079860923, p: 0.05065640289315095, ci: [-5.443116836520434e-5, 0.0381496692636033], r: 0.19047619047619047, cir: [-0.01858115870232724, 0.39953353965470817], reduction: 0 },
  ],
  [
    'every unit active before (θ = 0: X does not vary)',
    arm(400, 40, 400, 40),
    arm(500, 70, 500, 70),
    0.05,
    { theta: 0, muC: 0.1, muT: 0.14, varC: 0.0002255639097744361, varT: 0.0002412825651302605, d: 0.04, se: 0.021606630345907634, z: 1.8512835809946704, p: 0.06412876691742936, ci: [-0.002348217305249159, 0.08234821730524916], r: 0.4, cir: [-0.11236766105332363, 0.9123676610533237], reduction: 0 },
  ],
];

/** |actual − expected| ≤ 1e-9 relative to the size of the value (or 1e-9 absolute near 0). */
function close(actual: number, expected: number, tolerance = 1e-9) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1e-3, Math.abs(expected)));
}

describe('cupedCompare', () => {
  it.each(cases)('matches the exact-rational reference: %s', (_label, control, treatment, alpha, ref) => {
    const result = cupedCompare({ control, treatment, alpha });
    close(result.theta, ref.theta);
    close(result.adjustedMeans.control, ref.muC);
    close(result.adjustedMeans.treatment, ref.muT);
    close(result.variances.control, ref.varC);
    close(result.variances.treatment, ref.varT);
    close(result.absoluteLift, ref.d);
    close(result.se, ref.se);
    close(result.z, ref.z);
    close(result.pValue, ref.p);
    close(result.ciAbsolute[0], ref.ci[0]);
    close(result.ciAbsolute[1], ref.ci[1]);
    close(result.relativeLift!, ref.r);
    close(result.ciRelative![0], ref.cir[0]);
    close(result.ciRelative![1], ref.cir[1]);
    close(result.varianceReduction, ref.reduction);
  });

  it('gives one-sided p-values for the alternatives', () => {
    const [, control, treatment, , ref] = cases[0];
    // One tail of the two-sided reference p (z > 0): p/2 for greater, 1 − p/2 for less.
    close(cupedCompare({ control, treatment, alternative: 'greater' }).pValue, ref.p / 2);
    close(cupedCompare({ control, treatment, alternative: 'less' }).pValue, 1 - ref.p / 2);
  });

  it('has nothing to compare while an arm is empty (the single-variant case)', () => {
    const result = cupedCompare({ control: arm(500, 50, 100, 30), treatment: arm(0, 0, 0, 0) });
    expect(result).toMatchObject({ absoluteLift: 0, relativeLift: null, ciAbsolute: [-1, 1], ciRelative: null, z: 0, pValue: 1, varianceReduction: 0 });
    // θ is still the one arm's own slope: cov(X,Y)/var(X) = (30 − 100·50/500)/(100 − 100²/500) = 20/80.
    expect(result.theta).toBeCloseTo(0.25, 15);
    expect(cupedTheta([arm(500, 50, 100, 30)])).toBeCloseTo(0.25, 15);
  });

  it('reports no evidence when there is no variance left at all', () => {
    // Y = X in every unit: θ = 1 removes everything, se = 0 → z = 0, p = 1 (never a division by zero).
    const result = cupedCompare({ control: arm(100, 20, 20, 20), treatment: arm(100, 30, 30, 30) });
    expect(result.theta).toBeCloseTo(1, 15);
    expect(result.se).toBe(0);
    expect(result).toMatchObject({ z: 0, pValue: 1 });
    expect(result.varianceReduction).toBeCloseTo(1, 12);
  });

  it('has no relative lift when the adjusted control mean is 0', () => {
    const result = cupedCompare({ control: arm(100, 0, 0, 0), treatment: arm(100, 5, 0, 0) });
    expect(result.relativeLift).toBeNull();
    expect(result.ciRelative).toBeNull();
  });

  it.each([
    [{ n: 10, sumY: 11, sumX: 0, sumXY: 0 }, 'control.sumY'],
    [{ n: 10, sumY: 1, sumX: 11, sumXY: 0 }, 'control.sumX'],
    [{ n: 10, sumY: 1, sumX: 2, sumXY: 3 }, 'control.sumXY'],
    [{ n: 10, sumY: 6, sumX: 6, sumXY: 1 }, 'control.sumXY'],
    [{ n: 10.5, sumY: 1, sumX: 1, sumXY: 0 }, 'control.n'],
    [{ n: 10, sumY: -1, sumX: 1, sumXY: 0 }, 'control.sumY'],
  ])('rejects impossible sums %j naming the field', (control, field) => {
    expect(() => cupedCompare({ control, treatment: arm(10, 1, 1, 0) })).toThrow(StatsInputError);
    expect(() => cupedCompare({ control, treatment: arm(10, 1, 1, 0) })).toThrow(new RegExp(`^${field.replace('.', '\\.')} `));
  });
});

describe('historyVarianceReduction', () => {
  it('is the squared correlation of reaching the step in two consecutive windows', () => {
    // python3: statistics.correlation(A, B)**2 over the unit lists
    //   A=[1,1,1,0,0,0,0,0,0,0]*100; B=[1,1,0,1,0,0,0,0,0,0]*100   → 0.2743764172335601
    //   A=[1]*30+[1]*10+[0]*20+[0]*140; B=[1]*30+[0]*10+[1]*20+[0]*140 → 0.3333333333333334
    close(historyVarianceReduction({ n: 1000, sumA: 300, sumB: 300, sumAB: 200 }), 0.2743764172335601);
    close(historyVarianceReduction({ n: 200, sumA: 40, sumB: 50, sumAB: 30 }), 0.3333333333333334);
  });

  it('expects nothing without history or without variation', () => {
    expect(historyVarianceReduction({ n: 0, sumA: 0, sumB: 0, sumAB: 0 })).toBe(0);
    expect(historyVarianceReduction({ n: 500, sumA: 0, sumB: 10, sumAB: 0 })).toBe(0);
    expect(historyVarianceReduction({ n: 500, sumA: 500, sumB: 10, sumAB: 10 })).toBe(0);
    // Too few units to estimate anything (the same correlation as above, at n = 10).
    expect(historyVarianceReduction({ n: 10, sumA: 3, sumB: 3, sumAB: 2 })).toBe(0);
    // A perfect correlation is capped: the plan never counts on removing everything.
    expect(historyVarianceReduction({ n: 500, sumA: 100, sumB: 100, sumAB: 100 })).toBe(0.9);
  });
});
