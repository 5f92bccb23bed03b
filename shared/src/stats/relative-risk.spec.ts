import { relativeRisk } from './relative-risk';
import { StatsInputError } from './stats-input.error';

// References: python3 standard library,
//   from math import sqrt, exp; from statistics import NormalDist
//   def rr(a, b, c, d):
//       r = (a/(a+b)) / (c/(c+d)); se = sqrt(1/a - 1/(a+b) + 1/c - 1/(c+d))
//       z = NormalDist().inv_cdf(0.975); return r, r*exp(-z*se), r*exp(z*se)
describe('relativeRisk', () => {
  it.each([
    [[30, 70, 20, 180], 2.9999999999999996, 1.7972631879852465, 5.007613832056008],
    [[5, 5, 1, 9], 5.0, 0.7043174704660877, 35.495356921156656],
    [[400, 600, 100, 900], 4.0, 3.272184538978869, 4.8896997737765195],
    [[1, 1, 1, 1], 1.0, 0.14086349409321755, 7.0990713842313315],
  ])('table %j', ([a, b, c, d], rr, lo, hi) => {
    const result = relativeRisk({ exposedOutcome: a, exposedNoOutcome: b, unexposedOutcome: c, unexposedNoOutcome: d });
    expect(result.relativeRisk).toBeCloseTo(rr, 12);
    expect(result.ci![0]).toBeCloseTo(lo, 12);
    expect(result.ci![1]).toBeCloseTo(hi, 12);
    expect(result.riskExposed).toBeCloseTo(a / (a + b), 15);
    expect(result.riskUnexposed).toBeCloseTo(c / (c + d), 15);
  });

  it('is null where a cell is empty, keeping the rates that exist', () => {
    expect(relativeRisk({ exposedOutcome: 0, exposedNoOutcome: 10, unexposedOutcome: 3, unexposedNoOutcome: 7 })).toEqual({
      riskExposed: 0,
      riskUnexposed: 0.3,
      relativeRisk: null,
      ci: null,
    });
    expect(relativeRisk({ exposedOutcome: 0, exposedNoOutcome: 0, unexposedOutcome: 3, unexposedNoOutcome: 7 })).toEqual({
      riskExposed: null,
      riskUnexposed: 0.3,
      relativeRisk: null,
      ci: null,
    });
    expect(relativeRisk({ exposedOutcome: 4, exposedNoOutcome: 6, unexposedOutcome: 0, unexposedNoOutcome: 0 }).riskUnexposed).toBeNull();
  });

  it('rejects counts that are not counts', () => {
    expect(() => relativeRisk({ exposedOutcome: -1, exposedNoOutcome: 1, unexposedOutcome: 1, unexposedNoOutcome: 1 })).toThrow(StatsInputError);
    expect(() => relativeRisk({ exposedOutcome: 1.5, exposedNoOutcome: 1, unexposedOutcome: 1, unexposedNoOutcome: 1 })).toThrow(StatsInputError);
  });
});
