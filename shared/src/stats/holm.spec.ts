import { holm } from './holm';

// References: Holm's step-down by hand (same as R p.adjust(p, "holm")):
// sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
describe('holm', () => {
  it('adjusts in input order with the running maximum', () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('caps at 1 and handles ties and trivial inputs', () => {
    // sorted 0.2·3 = 0.6, 0.2·2 = 0.4 → 0.6, 0.9·1 = 0.9
    const adjusted = holm([0.9, 0.2, 0.2]);
    [0.9, 0.6, 0.6].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
    expect(holm([0.03])).toEqual([0.03]);
    expect(holm([])).toEqual([]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => holm([0.1, Number.NaN])).toThrow(/^pValues\[1\] /);
    expect(() => holm([1.2])).toThrow(RangeError);
  });
});
