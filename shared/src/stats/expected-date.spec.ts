import { expectedDate } from './expected-date';

describe('expectedDate', () => {
  const startedAt = '2026-11-01T00:00:00.000Z';
  const now = '2026-11-05T00:00:00.000Z';

  it('extrapolates the slowest variant at its observed rate', () => {
    // 4 days for 400 and 300 units; the 300-unit arm needs 700 more at 75/day: 9⅓ days after now.
    expect(expectedDate({ plannedSampleSize: 1000, unitsPerVariant: [400, 300], startedAt, now })).toBe(
      '2026-11-14T08:00:00.000Z',
    );
  });

  it('is now once every variant reached the plan, null when it cannot tell', () => {
    expect(expectedDate({ plannedSampleSize: 100, unitsPerVariant: [120, 100], startedAt, now })).toBe(now);
    expect(expectedDate({ plannedSampleSize: 100, unitsPerVariant: [0, 10], startedAt, now })).toBeNull();
    expect(expectedDate({ plannedSampleSize: 100, unitsPerVariant: [5, 10], startedAt: now, now })).toBeNull();
    expect(expectedDate({ plannedSampleSize: 100, unitsPerVariant: [], startedAt, now })).toBeNull();
  });
});
