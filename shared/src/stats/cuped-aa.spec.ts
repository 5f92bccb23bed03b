import { cupedCompare, type CupedArmSums } from './cuped';
import { groupSequentialBounds } from './group-sequential';

// A/A simulation with CUPED on: 14 looks of the group-sequential test on the adjusted z must
// keep false positives at or below alpha. Seeded, so a run is reproducible; the tolerance is
// the 95 % simulation error, and the same data peeked at naively (|z| ≥ 1.96 at every look)
// breaks it — the check has teeth.
// A global `Math` lookup is slow inside Jest's vm context; module-level aliases are not.
const { abs, imul, sqrt } = Math;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CUPED inside the sequential test (A/A)', () => {
  it('keeps false positives at or below alpha over 14 looks (ρ = 0.5, seed 12)', () => {
    const random = mulberry32(12);
    const sims = 2000;
    const looks = 14;
    const perLook = 200;
    const alpha = 0.05;
    // X and Y binary with rate 0.2 and correlation 0.5: P(X=1, Y=1) = 0.04 + 0.5·0.16 = 0.12.
    const [p11, p1x, p01] = [0.12, 0.2, 0.08];
    const bounds = groupSequentialBounds(Array.from({ length: looks }, (_, i) => (i + 1) / looks), alpha);
    let sequentialRejections = 0;
    let naiveRejections = 0;
    let reduction = 0;
    const draw = (arm: CupedArmSums) => {
      for (let i = 0; i < perLook; i++) {
        const u = random();
        const x = u < p1x ? 1 : 0;
        const y = u < p11 || (u >= p1x && u < p1x + p01) ? 1 : 0;
        arm.n++;
        arm.sumX += x;
        arm.sumY += y;
        arm.sumXY += x * y;
      }
    };
    for (let sim = 0; sim < sims; sim++) {
      const control: CupedArmSums = { n: 0, sumY: 0, sumX: 0, sumXY: 0 };
      const treatment: CupedArmSums = { n: 0, sumY: 0, sumX: 0, sumXY: 0 };
      let sequential = false;
      let naive = false;
      for (let look = 0; look < looks; look++) {
        draw(control);
        draw(treatment);
        const result = cupedCompare({ control, treatment, alpha });
        if (abs(result.z) >= bounds[look]) sequential = true;
        if (abs(result.z) >= 1.959963984540054) naive = true;
        if (look === looks - 1) reduction += result.varianceReduction;
      }
      if (sequential) sequentialRejections++;
      if (naive) naiveRejections++;
    }
    const tolerance = alpha + 1.96 * sqrt((alpha * (1 - alpha)) / sims); // 0.0596
    expect(sequentialRejections / sims).toBeLessThanOrEqual(tolerance);
    expect(naiveRejections / sims).toBeGreaterThan(tolerance);
    // The adjustment does what it is for: about ρ² = 25 % of the variance removed.
    expect(reduction / sims).toBeGreaterThan(0.22);
    expect(reduction / sims).toBeLessThan(0.28);
  });
});
