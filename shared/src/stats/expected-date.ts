export interface ExpectedDateInput {
  /** Planned units per variant. */
  plannedSampleSize: number;
  /** Units assigned so far, per variant. */
  unitsPerVariant: number[];
  /** When the experiment started (assignments began). */
  startedAt: Date | string;
  now: Date | string;
}

/**
 * When the slowest variant should reach the planned sample at its observed assignment rate
 * (docs/statistics.md), as an ISO string; `now` once reached; null while nothing can be extrapolated.
 */
export function expectedDate(input: ExpectedDateInput): string | null {
  const start = new Date(input.startedAt).getTime();
  const now = new Date(input.now).getTime();
  const elapsed = now - start;
  const { plannedSampleSize, unitsPerVariant } = input;
  if (!Number.isFinite(elapsed) || !(plannedSampleSize > 0) || unitsPerVariant.length === 0) return null;
  if (unitsPerVariant.every((n) => n >= plannedSampleSize)) return new Date(now).toISOString();
  if (!(elapsed > 0)) return null;
  let longest = 0;
  for (const units of unitsPerVariant) {
    if (units >= plannedSampleSize) continue;
    if (!(units > 0)) return null;
    longest = Math.max(longest, ((plannedSampleSize - units) * elapsed) / units);
  }
  const date = new Date(now + longest);
  return Number.isFinite(date.getTime()) ? date.toISOString() : null;
}
