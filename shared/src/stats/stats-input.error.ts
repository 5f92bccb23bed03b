// Bad input to a statistics function. The message names the field so the server can
// turn it into a 400 `{field, reason}` without knowing the function.
export class StatsInputError extends RangeError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
    this.name = 'StatsInputError';
  }
}

export function requireFinite(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new StatsInputError(field, 'must be a finite number');
}

export function requireOpenUnit(field: string, value: number): void {
  requireFinite(field, value);
  if (value <= 0 || value >= 1) throw new StatsInputError(field, 'must lie strictly between 0 and 1');
}

export function requireCount(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new StatsInputError(field, 'must be a non-negative integer');
}
