import { srm } from './srm';
import { StatsInputError } from './stats-input.error';

// References: chi-square statistic by hand; p-values from the closed-form chi-square
// survival functions, evaluated in python3 with math:
//   df=1: erfc(sqrt(x/2)); df=2: exp(-x/2); df=3: erfc(sqrt(x/2)) + sqrt(2x/pi)·exp(-x/2)
// e.g. python3 -c "import math; print(repr(math.erfc(math.sqrt(3.9215686274509802/2))))"
describe('srm', () => {
  it.each([
    [[5000, 5200], [0.5, 0.5], 3.9215686274509802, 0.04767038065616144, false],
    [[1000, 1100, 900], [1, 1, 1], 20, 4.5399929762484854e-5, true],
    [[2100, 7900], [0.2, 0.8], 6.25, 0.012419330651552266, false],
    [[2600, 2500, 2450, 2450], [0.25, 0.25, 0.25, 0.25], 6, 0.11161022509471256, false],
    [[10000, 10150], [0.5, 0.5], 1.1166253101736974, 0.2906462740807301, false],
  ])('units %j with weights %j → χ² %d', (units, weights, chiSquare, pValue, flagged) => {
    const result = srm(units, weights);
    expect(Math.abs(result.chiSquare - chiSquare)).toBeLessThan(1e-9);
    expect(Math.abs(result.pValue - pValue)).toBeLessThan(1e-9);
    expect(result.flagged).toBe(flagged);
  });

  it('flags only below p = 0.001', () => {
    // 10 000 vs 10 300 at 50/50: χ² = 300²/(2·10150)·... = 4.433, p ≈ 0.035: not flagged.
    expect(srm([10000, 10300], [0.5, 0.5]).flagged).toBe(false);
    // 10 000 vs 10 700: χ² = 23.67, p ≈ 1.1e-6: flagged.
    expect(srm([10000, 10700], [0.5, 0.5]).flagged).toBe(true);
  });

  it('has nothing to check with no units or a single variant', () => {
    expect(srm([0, 0], [0.5, 0.5])).toEqual({ chiSquare: 0, pValue: 1, flagged: false });
    expect(srm([120], [1])).toEqual({ chiSquare: 0, pValue: 1, flagged: false });
    expect(srm([50, 50, 100], [0.25, 0.25, 0.5])).toEqual({ chiSquare: 0, pValue: 1, flagged: false });
  });

  it('rejects mismatched or non-positive weights', () => {
    expect(() => srm([1, 2], [1])).toThrow(StatsInputError);
    expect(() => srm([1, 2], [1, 0])).toThrow(/^weights\[1\] /);
  });
});
