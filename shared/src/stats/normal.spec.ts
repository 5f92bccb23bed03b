import { normalCdf, normalQuantile, normalSf, normalUpperQuantile, logNormalSf } from './normal';

// References: python3 standard library (correctly rounded libm erfc; NormalDist.inv_cdf is
// Wichura's AS241, ~1e-16), e.g.
//   python3 -c "import math; print(repr(0.5*math.erfc(8/math.sqrt(2))))"
//   python3 -c "from statistics import NormalDist; print(repr(-NormalDist().inv_cdf(1e-20)))"
const upperTail: [number, number][] = [
  [0, 0.5],
  [1, 0.15865525393145707],
  [1.96, 0.024997895148220435],
  [3, 0.0013498980316300957],
  [4.99, 3.0189646252084903e-7],
  [5, 2.866515718791946e-7],
  [6, 9.865876450377012e-10],
  [8, 6.220960574271819e-16],
  [10, 7.619853024160593e-24],
  [20, 2.7536241186063314e-89],
  [37, 5.725571222525139e-300],
];

const upperQuantiles: [number, number][] = [
  [1e-5, 4.2648907939228256],
  [1e-8, 5.61200124417479],
  [1e-12, 7.034483825301132],
  [1e-20, 9.262340089798405],
  [1e-50, 14.933337534788489],
  [1e-100, 21.27345356096532],
  [1e-300, 37.0470962993612],
];

describe('normal distribution', () => {
  it.each(upperTail)('P(Z > %p) matches erfc to 1e-10 relative', (z, expected) => {
    expect(Math.abs(normalSf(z) - expected) / expected).toBeLessThan(1e-10);
    expect(Math.abs(normalCdf(-z) - expected) / expected).toBeLessThan(1e-10);
  });

  it('is accurate where jstat is not (z = −8 and −9)', () => {
    // jstat.normal.cdf(-8) = 6.106e-16 (2 % low) and cdf(-9) = 0; the true values:
    // python3: 0.5*math.erfc(9/math.sqrt(2)) = 1.1285884059538324e-19
    expect(normalCdf(-8) / 6.220960574271819e-16).toBeCloseTo(1, 12);
    expect(normalCdf(-9) / 1.1285884059538324e-19).toBeCloseTo(1, 12);
  });

  it('keeps log P(Z > z) finite after the probability underflows', () => {
    // log Q(50) = −z²/2 − log √(2π) − log z + log(1 − 1/z² + 3/z⁴ − 15/z⁶ …)  (asymptotic series)
    const z = 50;
    const series = Math.log(1 - 1 / z ** 2 + 3 / z ** 4 - 15 / z ** 6 + 105 / z ** 8);
    const expected = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - Math.log(z) + series;
    expect(normalSf(z)).toBe(0);
    expect(logNormalSf(z)).toBeCloseTo(expected, 10);
  });

  it.each(upperQuantiles)('upper quantile of %p matches AS241 to 1e-9', (q, expected) => {
    expect(Math.abs(normalUpperQuantile(q) - expected)).toBeLessThan(1e-9);
    expect(Math.abs(normalQuantile(q) + expected)).toBeLessThan(1e-9);
  });

  it('round-trips quantile and tail in the body and the far tail', () => {
    for (const q of [0.4, 0.025, 1e-3, 1e-7, 1e-15, 1e-40, 1e-200]) {
      expect(Math.abs(normalSf(normalUpperQuantile(q)) - q) / q).toBeLessThan(1e-12);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
  });

  it('gives defined results at the edges', () => {
    expect(normalUpperQuantile(0)).toBe(Infinity);
    expect(normalUpperQuantile(1)).toBe(-Infinity);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalUpperQuantile(5e-324)).toBeGreaterThan(38);
  });
});
