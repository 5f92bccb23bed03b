import { compareStep, informationFraction } from './compare-step';
import { cupedCompare } from './cuped';
import { groupSequentialBounds } from './group-sequential';
import { msprtFromEstimate } from './msprt';
import { zTest } from './z-test';

const control = { units: 1000, conversions: 100 };
const treatment = { units: 1000, conversions: 130 };

describe('informationFraction', () => {
  it('uses the harmonic mean of the arms and caps at 1', () => {
    // n_eff = 2/(1/600 + 1/400) = 480
    expect(informationFraction(600, 400, 960)).toBeCloseTo(0.5, 15);
    expect(informationFraction(5000, 5000, 1000)).toBe(1);
    expect(informationFraction(0, 10, 100)).toBe(0);
  });
});

describe('compareStep', () => {
  it('runs the z-test, the sequential look and the Bayesian summary together', () => {
    const result = compareStep({
      control,
      treatment,
      method: 'sequential',
      alpha: 0.05,
      testAlpha: 0.05,
      plannedSampleSize: 5000,
      previousLooks: [{ informationFraction: 0.1, z: 0.4 }],
    });
    const fixed = zTest({ control, treatment });
    expect(result.z).toBeCloseTo(fixed.z, 15);
    expect(result.pValue).toBeCloseTo(fixed.pValue, 15);
    expect(result.informationFraction).toBeCloseTo(0.2, 15);
    expect(result.plannedSampleReached).toBe(false);
    const bounds = groupSequentialBounds([0.1, 0.2], 0.05);
    expect(result.sequential).toMatchObject({ look: 2, informationFraction: 0.2, z: fixed.z });
    expect(result.sequential!.upperBound).toBeCloseTo(bounds[1], 12);
    // z = 2.10 is well inside the second of ~10 boundaries: not significant (a naive test would say p = 0.035).
    expect(result.significant).toBe(false);
    expect(result.movement).toBeNull();
    expect(result.msprt).toBeNull();
    expect(result.chanceToBeatControl).toBeGreaterThan(0.98);
  });

  it('tests the fixed method only once the planned sample is reached', () => {
    const base = { control, treatment, method: 'fixed' as const, alpha: 0.05, testAlpha: 0.05 };
    expect(compareStep({ ...base, plannedSampleSize: 2000 }).significant).toBe(false);
    const atPlan = compareStep({ ...base, plannedSampleSize: 1000 });
    expect(atPlan.plannedSampleReached).toBe(true);
    expect(atPlan.movement).toBe('up');
    expect(atPlan.sequential).toBeNull();
  });

  it('reports the always-valid p for msprt and keeps its running minimum', () => {
    const result = compareStep({
      control,
      treatment,
      method: 'msprt',
      alpha: 0.05,
      testAlpha: 0.05,
      plannedSampleSize: 5000,
      tau2: 0.0001,
      previousMsprtPValue: 0.01,
    });
    expect(result.msprt!.pValue).toBeLessThanOrEqual(0.01);
    expect(result.movement).toBe('up');
  });

  it('stays defined with empty arms', () => {
    const result = compareStep({
      control: { units: 0, conversions: 0 },
      treatment: { units: 0, conversions: 0 },
      method: 'sequential',
      alpha: 0.05,
      testAlpha: 0.025,
      plannedSampleSize: 100,
    });
    expect(result.informationFraction).toBe(0);
    expect(result.sequential!.look).toBe(0);
    expect(result.significant).toBe(false);
    expect(result.chanceToBeatControl).toBeCloseTo(0.5, 12);
  });

  describe('with CUPED covariate sums', () => {
    // The reference case of cuped.spec.ts with a strong pre-period signal (ρ ≈ 0.5).
    const c = { units: 2000, conversions: 400 };
    const t = { units: 2000, conversions: 460 };
    const covariate = { control: { sumX: 400, sumXY: 250 }, treatment: { sumX: 410, sumXY: 280 } };
    const adjusted = cupedCompare({
      control: { n: 2000, sumY: 400, sumX: 400, sumXY: 250 },
      treatment: { n: 2000, sumY: 460, sumX: 410, sumXY: 280 },
    });

    it('reports and tests the adjusted figures, the plain ones beside them', () => {
      const result = compareStep({ control: c, treatment: t, method: 'sequential', alpha: 0.05, testAlpha: 0.05, plannedSampleSize: 4000, covariate });
      const plain = zTest({ control: c, treatment: t });
      expect(result).toMatchObject({
        absoluteLift: adjusted.absoluteLift,
        relativeLift: adjusted.relativeLift,
        ciAbsolute: adjusted.ciAbsolute,
        ciRelative: adjusted.ciRelative,
        z: adjusted.z,
        pValue: adjusted.pValue,
        unadjusted: { absoluteLift: plain.absoluteLift, ciAbsolute: plain.ciAbsolute, pValue: plain.pValue, z: plain.z },
        cuped: { theta: adjusted.theta, varianceReduction: adjusted.varianceReduction },
      });
      // The sequential look reads the adjusted z (2.49 vs the plain 2.10 here).
      expect(result.sequential!.z).toBe(adjusted.z);
      expect(result.sequential!.z).toBeGreaterThan(plain.z);
    });

    it('runs mSPRT on the adjusted lift with V = se²', () => {
      const result = compareStep({ control: c, treatment: t, method: 'msprt', alpha: 0.05, testAlpha: 0.05, plannedSampleSize: 4000, tau2: 0.0004, covariate });
      const expected = msprtFromEstimate({ d: adjusted.absoluteLift, v: adjusted.se ** 2, tau2: 0.0004, alpha: 0.05 });
      expect(result.msprt).toEqual(expected);
    });

    it('tests the fixed method on the adjusted p-value', () => {
      const result = compareStep({ control: c, treatment: t, method: 'fixed', alpha: 0.05, testAlpha: 0.05, plannedSampleSize: 2000, covariate });
      expect(result.pValue).toBe(adjusted.pValue);
      expect(result.movement).toBe('up');
    });

    it('leaves the figures alone without covariate sums', () => {
      const result = compareStep({ control: c, treatment: t, method: 'sequential', alpha: 0.05, testAlpha: 0.05, plannedSampleSize: 4000 });
      expect(result).toMatchObject({ unadjusted: null, cuped: null, z: zTest({ control: c, treatment: t }).z });
    });
  });
});
