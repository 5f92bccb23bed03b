import { sampleSizePerVariant } from './sample-size';
import { StatsInputError } from './stats-input.error';

// References: the sample-size formula of docs/statistics.md evaluated independently in python3 with
// statistics.NormalDist (AS241 quantiles), e.g. for the first row:
//   from statistics import NormalDist; import math; N=NormalDist()
//   p1,m,a,pw=0.1,0.1,0.05,0.8; p2=p1*(1+m); pb=(p1+p2)/2
//   x=(N.inv_cdf(1-a/2)*math.sqrt(2*pb*(1-pb))+N.inv_cdf(pw)*math.sqrt(p1*(1-p1)+p2*(1-p2)))**2/(p2-p1)**2
//   print(x, math.ceil(x))   # 14750.790469044912 14751
describe('sampleSizePerVariant', () => {
  it.each([
    [{ baselineRate: 0.1, minimumEffect: 0.1, alpha: 0.05, power: 0.8 }, 14751],
    [{ baselineRate: 0.2, minimumEffect: 0.05, alpha: 0.05, power: 0.8 }, 25583],
    [{ baselineRate: 0.3, minimumEffect: 0.1, alpha: 0.05, power: 0.9, direction: 'decrease' as const }, 4757],
    [{ baselineRate: 0.1, minimumEffect: 0.1, alpha: 0.05, power: 0.8, treatments: 3 }, 19676],
    [{ baselineRate: 0.5, minimumEffect: 0.5, alpha: 0.05, power: 0.8 }, 58],
    [{ baselineRate: 0.02, minimumEffect: 0.2, alpha: 0.01, power: 0.95 }, 47908],
  ])('%o → %i per variant', (input, expected) => {
    expect(sampleSizePerVariant(input)).toBe(expected);
  });

  it('needs more units for more treatments (Bonferroni) and for more power', () => {
    const base = { baselineRate: 0.1, minimumEffect: 0.1, alpha: 0.05, power: 0.8 };
    expect(sampleSizePerVariant({ ...base, treatments: 2 })).toBeGreaterThan(sampleSizePerVariant(base));
    expect(sampleSizePerVariant({ ...base, power: 0.9 })).toBeGreaterThan(sampleSizePerVariant(base));
  });

  it('rejects a treatment rate outside (0, 1), naming minimumEffect', () => {
    const call = () => sampleSizePerVariant({ baselineRate: 0.6, minimumEffect: 0.7, alpha: 0.05, power: 0.8 });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/^minimumEffect /);
    expect(() =>
      sampleSizePerVariant({ baselineRate: 0.5, minimumEffect: 1, alpha: 0.05, power: 0.8, direction: 'decrease' }),
    ).toThrow(/^minimumEffect /);
  });

  it.each([
    ['baselineRate', { baselineRate: 0, minimumEffect: 0.1, alpha: 0.05, power: 0.8 }],
    ['baselineRate', { baselineRate: 1, minimumEffect: 0.1, alpha: 0.05, power: 0.8 }],
    ['minimumEffect', { baselineRate: 0.1, minimumEffect: 0, alpha: 0.05, power: 0.8 }],
    ['alpha', { baselineRate: 0.1, minimumEffect: 0.1, alpha: 1.5, power: 0.8 }],
    ['power', { baselineRate: 0.1, minimumEffect: 0.1, alpha: 0.05, power: Number.NaN }],
    ['treatments', { baselineRate: 0.1, minimumEffect: 0.1, alpha: 0.05, power: 0.8, treatments: 0 }],
  ])('names %s when it is invalid', (field, input) => {
    try {
      sampleSizePerVariant(input);
      throw new Error('expected a StatsInputError');
    } catch (error) {
      expect(error).toBeInstanceOf(StatsInputError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as StatsInputError).field).toBe(field);
      expect((error as Error).message.startsWith(`${field} `)).toBe(true);
    }
  });
});
