import {
  alphaText,
  bracketInterval,
  confidenceLevel,
  count,
  decimal,
  MISSING,
  percent,
  percentInterval,
  points,
  pointsInterval,
  pStatement,
  pValueText,
  settingPercent,
  signedPercent,
  signedPoints,
} from './number-format';

describe('number format', () => {
  it('writes percentages without a space, with a true minus sign and one decimal', () => {
    expect(percent(0.124)).toBe('12.4%');
    expect(percent(-0.03)).toBe('\u22123.0%');
    expect(percent(0.5, 0)).toBe('50%');
    expect(percent(0.0004)).toBe('0.04%');
    expect(signedPercent(0.031)).toBe('+3.1%');
    expect(signedPercent(-0.25)).toBe('\u221225.0%');
    expect(signedPercent(0)).toBe('0.0%');
    expect(settingPercent(0.05)).toBe('5%');
    expect(settingPercent(0.025)).toBe('2.5%');
  });

  it('writes intervals in prose and in brackets', () => {
    expect(percentInterval([0.061, 0.187])).toBe('6.1%–18.7%');
    expect(percentInterval([-0.12, -0.04])).toBe('\u221212.0% to \u22124.0%');
    expect(percentInterval([-0.005, 0.068])).toBe('\u22120.5%–6.8%');
    expect(bracketInterval([0.312, 0.688])).toBe('[+31.2%, +68.8%]');
    expect(bracketInterval([-0.4, -0.1])).toBe('[\u221240.0%, \u221210.0%]');
    expect(points(-0.012)).toBe('1.2 percentage points');
    expect(signedPoints(-0.012)).toBe('\u22121.2 percentage points');
    expect(pointsInterval([0.004, 0.02])).toBe('0.4 to 2.0 percentage points');
  });

  it('writes p-values with four decimals and a floor, alone and in a sentence', () => {
    expect(pValueText(0.0123)).toBe('0.0123');
    expect(pValueText(0.5)).toBe('0.5000');
    expect(pValueText(0.0001)).toBe('0.0001');
    expect(pValueText(0.00002)).toBe('< 0.0001');
    expect(pStatement(0.03)).toBe('p = 0.0300');
    expect(pStatement(0.00002, 'always-valid p')).toBe('always-valid p < 0.0001');
    expect(alphaText(0.05 / 3)).toBe('0.0167');
    expect(confidenceLevel(0.05)).toBe('95%');
    expect(confidenceLevel(0.025)).toBe('97.5%');
  });

  it('writes counts and plain numbers', () => {
    expect(count(12000)).toBe('12,000');
    expect(decimal(2.5111)).toBe('2.51');
    expect(decimal(-1.5, 1)).toBe('\u22121.5');
    expect(decimal(Infinity)).toBe('∞');
    expect(decimal(-Infinity)).toBe('\u2212∞');
  });

  it('shows every missing or non-finite number as one dash', () => {
    expect(MISSING).toBe('—');
    for (const missing of [null, undefined, Number.NaN]) {
      expect(percent(missing)).toBe(MISSING);
      expect(signedPercent(missing)).toBe(MISSING);
      expect(settingPercent(missing)).toBe(MISSING);
      expect(pValueText(missing)).toBe(MISSING);
      expect(count(missing)).toBe(MISSING);
      expect(decimal(missing)).toBe(MISSING);
      expect(points(missing)).toBe(MISSING);
      expect(alphaText(missing)).toBe(MISSING);
    }
    expect(percent(Infinity)).toBe(MISSING);
    expect(percentInterval(null)).toBe(MISSING);
    expect(percentInterval([Number.NaN, 0.1])).toBe(MISSING);
    expect(bracketInterval(undefined)).toBe(MISSING);
    expect(pointsInterval([0, Infinity])).toBe(MISSING);
  });
});
