import '../testing/jsdom-polyfills';
import type { Comparison, Results } from '@verdict/shared';
import { msprtPoints } from './msprt-chart';
import { sequentialLooks } from './sequential-chart';

function analysis(ranAt: string, look: number, t: number, z: number, bound: number, stepKey = 'first_report'): Partial<Results> {
  const comparison = {
    variantKey: 'treatment',
    sequential: { look, informationFraction: t, z, upperBound: bound, lowerBound: -bound, alphaSpent: 0 },
  } as unknown as Comparison;
  return { ranAt, steps: [{ stepKey, variants: [], comparisons: [comparison] }] };
}

describe('sequentialLooks', () => {
  it('keeps one point per look, oldest first, from the primary step only', () => {
    const looks = sequentialLooks(
      [
        analysis('2026-11-03T00:00:00Z', 2, 0.4, 2.1, 3.36),
        analysis('2026-11-01T00:00:00Z', 1, 0.2, 1.2, 4.88),
        // An analysis whose t did not grow makes no new look: it repeats look 2.
        analysis('2026-11-03T01:00:00Z', 2, 0.4, 2.2, 3.36),
        analysis('2026-11-04T00:00:00Z', 3, 0.6, 9, 2.68, 'signup'),
        { ranAt: '2026-11-05T00:00:00Z', error: 'failed' } as Partial<Results>,
      ],
      'first_report',
    );
    expect(looks.map((point) => [point.look, point.informationFraction, point.z.treatment, point.upperBound])).toEqual([
      [1, 0.2, 1.2, 4.88],
      [2, 0.4, 2.2, 3.36],
    ]);
  });
});

describe('msprtPoints', () => {
  it('lists the always-valid p-values of the primary step per analysis, oldest first, skipping runs without them', () => {
    const run = (ranAt: string, p: number | null) =>
      ({
        ranAt,
        steps: [{ stepKey: 'first_report', variants: [], comparisons: [{ variantKey: 'treatment', msprt: p === null ? null : { pValue: p, ciAbsolute: [0, 0] } }] }],
      }) as unknown as Partial<Results>;
    expect(msprtPoints([run('2026-11-02T00:00:00Z', 0.2), run('2026-11-01T00:00:00Z', 0.6), run('2026-11-03T00:00:00Z', null)], 'first_report')).toEqual([
      { ranAt: '2026-11-01T00:00:00Z', pValues: { treatment: 0.6 } },
      { ranAt: '2026-11-02T00:00:00Z', pValues: { treatment: 0.2 } },
    ]);
  });
});
