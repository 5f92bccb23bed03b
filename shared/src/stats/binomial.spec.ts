import { jStat } from './jstat';
import { binomialCdf } from './binomial';
import { StatsInputError } from './stats-input.error';

// References: the exact sum in rationals, python3 standard library:
//   from fractions import Fraction; from math import comb
//   def cdf(k, n, p):
//       p = Fraction(p); q = 1 - p
//       return float(sum(comb(n, i) * p**i * q**(n - i) for i in range(k + 1)))
//   e.g. cdf(12, 40, '0.5') → 0.008294501687487355
describe('binomialCdf', () => {
  it.each([
    [3, 10, 0.5, 0.171875],
    [12, 40, 0.5, 0.008294501687487355],
    [20, 100, 0.3, 0.016462853241869475],
    [9, 60, 0.3, 0.005871188242586528],
    [0, 30, 0.1, 0.0423911582752162],
    [150, 1000, 0.2, 2.6443381908983117e-5],
    [250, 1000, 0.2, 0.9999492954634916],
    [5, 200, 0.25, 1.1607171582139976e-18],
    [39, 50, 0.7, 0.9211493751769436],
    [2000, 10000, 0.25, 1.543722035651269e-32],
  ])('P(X ≤ %d | n = %d, p = %d)', (k, n, p, expected) => {
    const value = binomialCdf(k, n, p);
    // Relative to the value: the far tails matter (they decide escalations).
    expect(Math.abs(value - expected) / expected).toBeLessThan(1e-9);
  });

  it('keeps the far tail that jStat rounds away', () => {
    expect(jStat.binomial.cdf(5, 200, 0.25)).toBe(0);
    expect(binomialCdf(5, 200, 0.25)).toBeGreaterThan(0);
  });

  it('handles the edges', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(0, 0, 0.3)).toBe(1);
    expect(binomialCdf(0, 10, 0)).toBe(1);
    expect(binomialCdf(9, 10, 1)).toBe(0);
  });

  it('rejects impossible inputs', () => {
    expect(() => binomialCdf(1, -1, 0.5)).toThrow(StatsInputError);
    expect(() => binomialCdf(1, 2.5, 0.5)).toThrow(StatsInputError);
    expect(() => binomialCdf(1, 10, 1.5)).toThrow(StatsInputError);
    expect(() => binomialCdf(NaN, 10, 0.5)).toThrow(StatsInputError);
  });
});
