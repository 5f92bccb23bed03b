import { zTest } from './z-test';
import { StatsInputError } from './stats-input.error';

// References: the formulas of docs/statistics.md evaluated independently in python3 (math.erfc for the
// tails, statistics.NormalDist().inv_cdf for z_{1−α/2}), e.g. for the first case:
//   pc,pt=100/1000,130/1000; ph=230/2000; z=(pt-pc)/math.sqrt(ph*(1-ph)*(2/1000))
//   p=math.erfc(abs(z)/math.sqrt(2))  # 2.102740605622114, 0.03548845046647473
// Cross-check: the pooled z² equals Pearson's uncorrected chi-square of the 2×2 table,
// R prop.test(c(100,130), c(1000,1000), correct=FALSE): X-squared = 4.4215, p = 0.03549.
type Case = {
  args: [number, number, number, number, number?, ('two-sided' | 'greater' | 'less')?];
  d: number;
  r: number;
  ci: [number, number];
  cir: [number, number];
  z: number;
  p: number;
};
const cases: Case[] = [
  {
    args: [100, 1000, 130, 1000],
    d: 0.03,
    r: 0.3,
    ci: [0.0020679344393763725, 0.05793206556062362],
    cir: [-0.01917939771358701, 0.619179397713587],
    z: 2.102740605622114,
    p: 0.03548845046647473,
  },
  {
    args: [48, 1000, 36, 1000],
    d: -0.012000000000000004,
    r: -0.25000000000000006,
    ci: [-0.029574222292431826, 0.0055742222924318185],
    cir: [-0.5673613846312655, 0.06736138463126545],
    z: -1.3377003739575366,
    p: 0.18099412904230638,
  },
  {
    args: [500, 10000, 560, 10100, 0.05, 'greater'],
    d: 0.0054455445544554434,
    r: 0.10891089108910887,
    ci: [-0.0007323168950585024, 0.01162340600396939],
    cir: [-0.02125360210795854, 0.23907538428617628],
    z: 1.727084659509973,
    p: 0.042076230120218085,
  },
  {
    args: [500, 10000, 560, 10100, 0.05, 'less'],
    d: 0.0054455445544554434,
    r: 0.10891089108910887,
    ci: [-0.0007323168950585024, 0.01162340600396939],
    cir: [-0.02125360210795854, 0.23907538428617628],
    z: 1.727084659509973,
    p: 0.9579237698797819,
  },
  {
    args: [30, 200, 52, 180, 0.1],
    d: 0.13888888888888887,
    r: 0.9259259259259258,
    ci: [0.06951604031630869, 0.20826173746146903],
    cir: [0.2766404823368671, 1.5752113695149845],
    z: 3.2862113707215763,
    p: 0.0010154478056191585,
  },
  {
    // tiny, unequal arms
    args: [1, 7, 6, 9],
    d: 0.5238095238095237,
    r: 3.666666666666666,
    ci: [0.12125720985515315, 0.9263618377638942],
    cir: [-5.07146369620205, 12.404797029535382],
    z: 2.095238095238095,
    p: 0.03614983237685897,
  },
];

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe('zTest', () => {
  it.each(cases)('matches the reference for $args', ({ args, d, r, ci, cir, z, p }) => {
    const [xc, nc, xt, nt, alpha, alternative] = args;
    const result = zTest({
      control: { units: nc, conversions: xc },
      treatment: { units: nt, conversions: xt },
      alpha,
      alternative,
    });
    close(result.absoluteLift, d);
    close(result.relativeLift!, r);
    close(result.ciAbsolute[0], ci[0]);
    close(result.ciAbsolute[1], ci[1]);
    close(result.ciRelative![0], cir[0]);
    close(result.ciRelative![1], cir[1]);
    close(result.z, z);
    close(result.pValue, p);
  });

  it('gives z = 0 and p = 1 when nobody (or everybody) converted', () => {
    const none = zTest({ control: { units: 50, conversions: 0 }, treatment: { units: 40, conversions: 0 } });
    expect(none).toEqual({ absoluteLift: 0, relativeLift: null, ciAbsolute: [0, 0], ciRelative: null, z: 0, pValue: 1 });
    const all = zTest({ control: { units: 50, conversions: 50 }, treatment: { units: 40, conversions: 40 } });
    expect(all.z).toBe(0);
    expect(all.pValue).toBe(1);
    expect(all.relativeLift).toBe(0);
    expect(all.ciRelative).toEqual([0, 0]);
  });

  it('reports no relative lift when control has no conversions but treatment does', () => {
    const result = zTest({ control: { units: 100, conversions: 0 }, treatment: { units: 100, conversions: 5 } });
    expect(result.relativeLift).toBeNull();
    expect(result.ciRelative).toBeNull();
    expect(Number.isFinite(result.z)).toBe(true);
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.pValue).toBeLessThan(0.05);
  });

  it('is defined for an empty arm', () => {
    const result = zTest({ control: { units: 0, conversions: 0 }, treatment: { units: 10, conversions: 3 } });
    expect(result).toEqual({ absoluteLift: 0, relativeLift: null, ciAbsolute: [-1, 1], ciRelative: null, z: 0, pValue: 1 });
    const emptyTreatment = zTest({ control: { units: 10, conversions: 3 }, treatment: { units: 0, conversions: 0 } });
    expect(emptyTreatment.absoluteLift).toBe(0);
    expect(emptyTreatment.relativeLift).toBeNull();
  });

  it('rejects impossible counts, naming the field', () => {
    const call = () => zTest({ control: { units: 10, conversions: 11 }, treatment: { units: 10, conversions: 1 } });
    expect(call).toThrow(StatsInputError);
    expect(call).toThrow(/^control\.conversions /);
    expect(() => zTest({ control: { units: -1, conversions: 0 }, treatment: { units: 1, conversions: 0 } })).toThrow(
      /^control\.units /,
    );
  });
});
