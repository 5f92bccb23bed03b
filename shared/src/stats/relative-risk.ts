import { normalQuantile } from './normal';
import { requireCount, requireOpenUnit } from './stats-input.error';

/** A 2×2 table: exposed (reached a step) or not, against the outcome. */
export interface RiskTable {
  /** Reached the step and the outcome. */
  exposedOutcome: number;
  /** Reached the step, not the outcome. */
  exposedNoOutcome: number;
  /** Did not reach the step, reached the outcome. */
  unexposedOutcome: number;
  unexposedNoOutcome: number;
}

export interface RelativeRiskResult {
  /** P(outcome | exposed); null when nobody was exposed. */
  riskExposed: number | null;
  /** P(outcome | not exposed); null when everybody was. */
  riskUnexposed: number | null;
  /** riskExposed / riskUnexposed; null when any cell of the table is 0. */
  relativeRisk: number | null;
  /** Interval on the log scale, exponentiated; null with the relative risk. */
  ci: [number, number] | null;
}

/**
 * Relative risk of the outcome for the exposed against the unexposed, with the Katz log
 * interval: se(log RR) = sqrt(1/a − 1/(a+b) + 1/c − 1/(c+d)), log RR ± z_{1−α/2}·se.
 * Any empty cell leaves the ratio or its standard error undefined (or infinite), so it is null.
 */
export function relativeRisk(table: RiskTable, alpha = 0.05): RelativeRiskResult {
  const { exposedOutcome: a, exposedNoOutcome: b, unexposedOutcome: c, unexposedNoOutcome: d } = table;
  for (const [field, value] of Object.entries(table)) requireCount(field, value);
  requireOpenUnit('alpha', alpha);
  const riskExposed = a + b > 0 ? a / (a + b) : null;
  const riskUnexposed = c + d > 0 ? c / (c + d) : null;
  if (a === 0 || b === 0 || c === 0 || d === 0) return { riskExposed, riskUnexposed, relativeRisk: null, ci: null };
  const rr = riskExposed! / riskUnexposed!;
  const se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
  const z = normalQuantile(1 - alpha / 2);
  return { riskExposed, riskUnexposed, relativeRisk: rr, ci: [rr * Math.exp(-z * se), rr * Math.exp(z * se)] };
}
