// Journeys: which steps go with an outcome (insights) and whether each persona's journey
// meets what is expected of it (health). docs/api.md, "Journeys".

export interface StepInsight {
  stepKey: string;
  /** Units of the population with an aligned event at the step in the window. */
  reached: number;
  shareReached: number;
  /** P(outcome | reached); null when nobody reached the step. */
  outcomeRateReached: number | null;
  /** P(outcome | not reached); null when everybody reached it. */
  outcomeRateNotReached: number | null;
  /** outcomeRateReached / outcomeRateNotReached; null where a cell is 0 and for the outcome step. */
  relativeRisk: number | null;
  /** 95 % interval of the relative risk (log scale); null with it. */
  ci: [number, number] | null;
}
export interface FlowInsights {
  outcome: string;
  days: number;
  cohort: string | null;
  /** Units with at least one event in the flow in the window (and in the cohort). */
  units: number;
  steps: StepInsight[];
}

export interface JourneyExpectationInput {
  cohortKey: string;
  stepKey: string;
  /** 0 < expectedRate < 1. */
  expectedRate: number;
  /** 1 to 90. */
  windowDays: number;
}
export interface JourneyExpectationsRequest {
  expectations: JourneyExpectationInput[];
}
export interface JourneyExpectations {
  flowKey: string;
  expectations: JourneyExpectationInput[];
}

export type EscalationStatus = 'open' | 'closed';
export const ESCALATION_STATUSES: readonly EscalationStatus[] = ['open', 'closed'];

export interface JourneyEscalation {
  status: EscalationStatus;
  openedAt: string;
  closedAt: string | null;
}
/** One expectation measured once. */
export interface JourneyMeasurement extends JourneyExpectationInput {
  /** Units of the cohort whose window started with a trigger and has closed. */
  units: number;
  reached: number;
  /** Null when no window started. */
  observedRate: number | null;
  /** One-sided exact binomial P(X ≤ reached | units, expectedRate); null when no window started. */
  pValue: number | null;
}
export interface JourneyHealthItem extends JourneyMeasurement {
  /** Null when never checked since the expectation was set. */
  checkedAt: string | null;
  /** The latest escalation of this cohort and step, open or closed; null when there never was one. */
  escalation: JourneyEscalation | null;
}
export interface JourneyHealthHistoryItem extends JourneyMeasurement {
  checkedAt: string;
}
export interface JourneyHealth {
  /** The latest check of the flow; null before the first. */
  checkedAt: string | null;
  expectations: JourneyHealthItem[];
  /** Earlier measurements, oldest first (the last 90 checks per expectation at most). */
  history: JourneyHealthHistoryItem[];
}
export interface HealthCheckJob {
  jobId: string;
}
