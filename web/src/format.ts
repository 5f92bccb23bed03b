// Number formatting shared by the tables, cards and charts.

export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function signedPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `${(value * 100).toFixed(digits)}%`;
  return value > 0 ? `+${text}` : text;
}

export function interval(range: [number, number] | null | undefined, digits = 1): string {
  if (!range) return '—';
  return `[${signedPercent(range[0], digits)}, ${signedPercent(range[1], digits)}]`;
}

export function pValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value < 0.0001) return '< 0.0001';
  return value.toFixed(4);
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US');
}

export function decimal(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
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

const METHOD_LABELS: Record<string, string> = { sequential: 'Sequential', fixed: 'Fixed horizon', msprt: 'mSPRT' };

export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? humanize(method);
}
