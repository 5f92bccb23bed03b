import { milestoneKind, MISSING, type AnalysisMethod, type FlowStep, type Milestone } from '@verdict/shared';

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

/** What a milestone step means, in words: "≥ 2 aligned events per seats within 30 days". */
export function milestoneText(milestone: Milestone, steps: readonly FlowStep[] = []): string {
  const days = `within ${milestone.withinDays} day${milestone.withinDays === 1 ? '' : 's'} of assignment`;
  switch (milestoneKind(milestone)) {
    case 'composite': {
      const names = (milestone.anyOf ?? []).map((key) => steps.find((step) => step.key === key)?.name ?? key);
      return `at least ${milestone.atLeast} of ${names.join(', ')} ${days}`;
    }
    case 'relative':
      return `≥ ${milestone.minEvents} aligned event${milestone.minEvents === 1 ? '' : 's'} per unit of “${milestone.perAttribute}” ${days}`;
    default:
      return `≥ ${milestone.minEvents} aligned event${milestone.minEvents === 1 ? '' : 's'} ${days}`;
  }
}

/** Percent text → relative effect (0.05), or NaN when it is not a positive number. */
export function parseEffect(percentText: string): number {
  const value = Number(percentText);
  return Number.isFinite(value) && value > 0 ? Math.round(value * 1e7) / 1e9 : NaN;
}
