import { MISSING, type AnalysisMethod } from '@verdict/shared';

// The console's formatting. Numbers use the one number format of @verdict/shared, the same the
// verdict reasons are written in ("12.4%", "−3.0%", p "0.0123" or "< 0.0001", "—" when missing).
export {
  bracketInterval as interval,
  count,
  decimal,
  MISSING,
  percent,
  pStatement,
  pValueText as pValue,
  signedPercent,
} from '@verdict/shared';

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function date(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : value.toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
}

export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** CSS class for a lift: green up, red down, plain when zero or unknown. */
export function liftClass(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return '';
  return value > 0 ? 'positive' : 'negative';
}

const METHOD_LABELS: Record<AnalysisMethod, string> = { sequential: 'Sequential', fixed: 'Fixed horizon', msprt: 'mSPRT' };

export function methodLabel(method: string): string {
  return METHOD_LABELS[method as AnalysisMethod] ?? humanize(method);
}
