// Numbers as a PM reads them: "12.4 %", "−3.0 %", "6.1 %–18.7 %".

const MINUS = '\u2212';

function digits(x: number): number {
  return x !== 0 && Math.abs(x) < 0.001 ? 2 : 1;
}

/** A share as a percentage without sign: 0.124 → "12.4 %". */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${(Math.abs(x) * 100).toFixed(digits(x))} %`;
}

/** A configured share, without needless decimals: 0.05 → "5 %", 0.025 → "2.5 %". */
export function settingPercent(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${Number((x * 100).toPrecision(6))} %`;
}

/** A signed percentage: 0.031 → "+3.1 %", −0.03 → "−3.0 %". */
export function signedPercent(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const sign = x > 0 ? '+' : x < 0 ? MINUS : '';
  return `${sign}${percent(x)}`;
}

/** An interval of shares: [0.061, 0.187] → "6.1 %–18.7 %"; [−0.12, −0.04] → "−12.0 % to −4.0 %". */
export function percentInterval(ci: [number, number] | null | undefined): string {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 'n/a';
  const one = (x: number) => (x < 0 ? `${MINUS}${percent(x)}` : percent(x));
  // An en dash between two negative numbers reads as a minus sign: say "to" then.
  return ci[0] < 0 && ci[1] < 0 ? `${one(ci[0])} to ${one(ci[1])}` : `${one(ci[0])}–${one(ci[1])}`;
}

/** Percentage points for absolute differences: 0.012 → "1.2 percentage points". */
export function points(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${(Math.abs(x) * 100).toFixed(digits(x))} percentage points`;
}

/** An interval of absolute differences: [0.004, 0.02] → "0.4 to 2.0 percentage points". */
export function pointsInterval(ci: [number, number] | null | undefined): string {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 'n/a';
  const one = (x: number) => `${x < 0 ? MINUS : ''}${(Math.abs(x) * 100).toFixed(digits(x))}`;
  return `${one(ci[0])} to ${one(ci[1])} percentage points`;
}

/** p-values: 0.0123 → "0.012", 0.00002 → "2.0e-5". */
export function pValueText(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p >= 0.001) return p.toPrecision(2);
  return p.toExponential(1);
}

/** A (split) alpha without float noise: 0.05/3 → "0.0167". */
export function alphaText(alpha: number): string {
  return Number.isFinite(alpha) ? String(Number(alpha.toPrecision(3))) : 'n/a';
}

/** The confidence level of an alpha: 0.05 → "95 %". */
export function level(alpha: number): string {
  const pct = (1 - alpha) * 100;
  return `${Number.isInteger(Math.round(pct * 10) / 10) ? Math.round(pct) : pct.toFixed(1)} %`;
}
