// Dates in requests: RFC 3339 date-times with a time zone, and nothing else. `Date.parse`
// alone accepts local formats (`11/23/2026`), reads a missing zone as local time and rolls
// impossible days over (`2026-02-30` becomes March 2), so the parts are checked here first.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

export const RFC3339_REASON = 'must be an RFC 3339 date-time with a time zone, e.g. 2026-11-23T10:00:00Z';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant `value` names, or null when it is not a valid RFC 3339 date-time with a zone. */
export function parseRfc3339(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = RFC3339.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // A leap second (:60) is valid RFC 3339 but cannot be held by a Date or by PostgreSQL.
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (match[9]) {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  // Date.UTC maps years 0-99 to 1900-1999; such dates are refused rather than misread.
  if (year < 100) return null;
  return new Date(utc);
}
