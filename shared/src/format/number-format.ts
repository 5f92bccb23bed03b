// Numbers as people read them, the same in the console and in the verdict reasons:
// "12.4%", "−3.0%", p "0.0123" (or "< 0.0001"), and "—" for a missing value.

/** What a missing or non-finite number shows as. */
export const MISSING = '—';

/** The minus sign (U+2212): as wide as "+", so signed columns line up. */
const MINUS = '\u2212';

type Maybe = number | null | undefined;

const known = (x: Maybe): x is number => x !== null && x !== undefined && Number.isFinite(x);

/** One decimal; two for a share below 0.1 % (so a tiny lift is not shown as 0.0 %). */
function percentDigits(x: number): number {
  return x !== 0 && Math.abs(x) < 0.001 ? 2 : 1;
}

function unsignedPercent(x: number, digits: number): string {
  return `${(Math.abs(x) * 100).toFixed(digits)}%`;
}

function sign(x: number, plus: string): string {
  return x > 0 ? plus : x < 0 ? MINUS : '';
}

/** A share as a percentage: 0.124 → "12.4%", −0.03 → "−3.0%". */
export function percent(x: Maybe, digits?: number): string {
  if (!known(x)) return MISSING;
  const text = unsignedPercent(x, digits ?? percentDigits(x));
  return `${sign(x, '')}${text}`;
}

/** A share with its sign: 0.031 → "+3.1%", −0.03 → "−3.0%", 0 → "0.0%". */
export function signedPercent(x: Maybe, digits?: number): string {
  if (!known(x)) return MISSING;
  const text = unsignedPercent(x, digits ?? percentDigits(x));
  return `${sign(x, '+')}${text}`;
}

/** A configured share, without needless decimals: 0.05 → "5%", 0.025 → "2.5%". */
export function settingPercent(x: Maybe): string {
  if (!known(x)) return MISSING;
  return `${Number((x * 100).toPrecision(6))}%`;
}

/** An interval of shares in prose: [0.061, 0.187] → "6.1%–18.7%"; [−0.12, −0.04] → "−12.0% to −4.0%". */
export function percentInterval(ci: [number, number] | null | undefined): string {
  if (!ci || !known(ci[0]) || !known(ci[1])) return MISSING;
  // An en dash between two negative numbers reads as a minus sign: say "to" then.
  return ci[0] < 0 && ci[1] < 0 ? `${percent(ci[0])} to ${percent(ci[1])}` : `${percent(ci[0])}–${percent(ci[1])}`;
}

/** An interval of signed shares for a table cell: [0.312, 0.688] → "[+31.2%, +68.8%]". */
export function bracketInterval(ci: [number, number] | null | undefined, digits?: number): string {
  if (!ci) return MISSING;
  return `[${signedPercent(ci[0], digits)}, ${signedPercent(ci[1], digits)}]`;
}

function pointNumber(x: number, plus: string): string {
  return `${sign(x, plus)}${(Math.abs(x) * 100).toFixed(percentDigits(x))}`;
}

/** Percentage points for an absolute difference, without sign: 0.012 → "1.2 percentage points". */
export function points(x: Maybe): string {
  if (!known(x)) return MISSING;
  return `${(Math.abs(x) * 100).toFixed(percentDigits(x))} percentage points`;
}

/** A signed absolute difference: 0.012 → "+1.2 percentage points". */
export function signedPoints(x: Maybe): string {
  if (!known(x)) return MISSING;
  return `${pointNumber(x, '+')} percentage points`;
}

/** An interval of absolute differences: [0.004, 0.02] → "0.4 to 2.0 percentage points". */
export function pointsInterval(ci: [number, number] | null | undefined): string {
  if (!ci || !known(ci[0]) || !known(ci[1])) return MISSING;
  return `${pointNumber(ci[0], '')} to ${pointNumber(ci[1], '')} percentage points`;
}

/** The smallest p-value shown as a number; below it, "< 0.0001". */
const SMALLEST_P = 0.0001;

/** A p-value with four decimals: 0.0123 → "0.0123", 0.00002 → "< 0.0001". */
export function pValueText(p: Maybe): string {
  if (!known(p)) return MISSING;
  return p < SMALLEST_P ? `< ${SMALLEST_P.toFixed(4)}` : p.toFixed(4);
}

/** A p-value in a sentence: "p = 0.0123", "p < 0.0001". */
export function pStatement(p: Maybe, name = 'p'): string {
  const text = pValueText(p);
  return text.startsWith('<') ? `${name} ${text}` : `${name} = ${text}`;
}

/** A (split) alpha without float noise: 0.05/3 → "0.0167". */
export function alphaText(alpha: Maybe): string {
  return known(alpha) ? String(Number(alpha.toPrecision(3))) : MISSING;
}

/** The confidence level of an alpha: 0.05 → "95%", 0.025 → "97.5%". */
export function confidenceLevel(alpha: Maybe): string {
  if (!known(alpha)) return MISSING;
  const pct = (1 - alpha) * 100;
  return `${Number.isInteger(Math.round(pct * 10) / 10) ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** A count with thousands separators: 12000 → "12,000". */
export function count(x: Maybe): string {
  return known(x) ? x.toLocaleString('en-US') : MISSING;
}

/** A plain number, e.g. a z statistic or a boundary: 2.511 → "2.51", Infinity → "∞". */
export function decimal(x: Maybe, digits = 2): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return `${MINUS}∞`;
  if (!known(x)) return MISSING;
  return `${sign(x, '')}${Math.abs(x).toFixed(digits)}`;
}
