import { bayesianBinomial, probBetaGreater } from './bayesian';

// References (Beta(1,1) priors):
// - small counts: exact rational integration of the expanded Beta densities,
//   `python3 shared/src/stats/reference/beta_exact_ref.py xc nc xt nt`
//   → P(p_t > p_c), E[max(p_t − p_c, 0)] (control's loss), E[max(p_c − p_t, 0)] (treatment's loss);
// - large counts: the Beta–Binomial identity summed with math.lgamma/fsum,
//   `python3 shared/src/stats/reference/beta_binomial_identity_ref.py xc nc xt nt`.
const exact: [number, number, number, number, number, number, number][] = [
  [0, 0, 0, 0, 0.5, 0.16666666666666666, 0.16666666666666666],
  [3, 10, 7, 12, 0.8978808914870295, 0.24748636296623913, 0.009391124871001032],
  [10, 40, 4, 38, 0.05222359660874174, 0.001935588016458749, 0.13884034992122066],
  [0, 25, 0, 25, 0.5, 0.01816911250873515, 0.01816911250873515],
  [25, 25, 20, 20, 0.44680851063829785, 0.016203703703703703, 0.02462121212121212],
  [12, 30, 12, 30, 0.5, 0.048385275124502164, 0.048385275124502164],
  [1, 1, 0, 1, 0.16666666666666666, 0.03333333333333333, 0.36666666666666664],
];

const large: [number, number, number, number, number][] = [
  [500, 5000, 560, 5000, 0.9743277548867569],
  [2000, 20000, 2100, 20500, 0.7919743849587046],
  [4980, 5000, 4990, 5000, 0.9648389971212555],
];

describe('bayesianBinomial', () => {
  it.each(exact)('control %i/%i vs treatment %i/%i matches the exact rational values', (xc, nc, xt, nt, chance, lossC, lossT) => {
    const result = bayesianBinomial({
      control: { units: nc, conversions: xc },
      treatment: { units: nt, conversions: xt },
    });
    expect(Math.abs(result.chanceToBeatControl - chance)).toBeLessThan(1e-9);
    expect(Math.abs(result.expectedLoss.control - lossC)).toBeLessThan(1e-9);
    expect(Math.abs(result.expectedLoss.treatment - lossT)).toBeLessThan(1e-9);
  });

  it.each(large)('control %i/%i vs treatment %i/%i matches the Beta–Binomial identity', (xc, nc, xt, nt, chance) => {
    const result = bayesianBinomial({
      control: { units: nc, conversions: xc },
      treatment: { units: nt, conversions: xt },
    });
    expect(Math.abs(result.chanceToBeatControl - chance)).toBeLessThan(1e-9);
    // The two losses differ by exactly the difference of posterior means.
    const meanDiff = (xt + 1) / (nt + 2) - (xc + 1) / (nc + 2);
    expect(result.expectedLoss.control - result.expectedLoss.treatment).toBeCloseTo(meanDiff, 10);
  });

  it('gives the same answer whichever of the four sums it picks', () => {
    // P(X > Y) + P(Y > X) = 1, and P(X > Y) = P(1 − Y > 1 − X).
    const p = probBetaGreater(8, 3, 5, 9);
    expect(p + probBetaGreater(5, 9, 8, 3)).toBeCloseTo(1, 12);
    expect(probBetaGreater(9, 5, 3, 8)).toBeCloseTo(p, 12);
  });

  it('is finite for a million units per arm', () => {
    const result = bayesianBinomial({
      control: { units: 1_000_000, conversions: 400_000 },
      treatment: { units: 1_000_000, conversions: 401_000 },
    });
    // Normal approximation for orientation: z = 0.001/sqrt(2·0.4·0.6/1e6) ≈ 1.443 → Φ ≈ 0.9255.
    expect(result.chanceToBeatControl).toBeCloseTo(0.9255, 3);
    expect(Number.isFinite(result.expectedLoss.control)).toBe(true);
    expect(result.expectedLoss.treatment).toBeGreaterThanOrEqual(0);
  });
});
