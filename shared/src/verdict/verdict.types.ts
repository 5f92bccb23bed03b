import type { AnalysisMethod, Comparison, Direction, VerdictResult, VerdictStatus } from '../api/types';

/**
 * One treatment against control on one step, as the analysis computed it. These are the
 * fields of the API's `Comparison` (so the job can pass what it stores) plus whether the
 * planned sample is reached. Intervals are at the experiment's alpha (e.g. 95 %); the
 * `sequential` bounds must have been computed at the Bonferroni-split alpha of the step
 * (`testAlphas`; `compareStep` does both).
 */
export interface VerdictComparison
  extends Pick<
    Comparison,
    'variantKey' | 'absoluteLift' | 'relativeLift' | 'ciAbsolute' | 'ciRelative' | 'pValue' | 'sequential' | 'msprt'
  > {
  /** Both arms reached the planned sample size per variant (information fraction ≥ 1). */
  plannedSampleReached: boolean;
}

export interface VerdictStep {
  stepKey: string;
  /** One per treatment; a treatment missing here counts as "no evidence yet". */
  comparisons: VerdictComparison[];
}

/** Everything the verdict rule (DESIGN §5) needs from one analysis. */
export interface VerdictInput {
  /** The experiment's analysis method. */
  method: AnalysisMethod;
  /** The experiment's (family) alpha before the Bonferroni split, e.g. 0.05. */
  alpha: number;
  /** Hypothesis version: the expected direction of the primary step. */
  direction: Direction;
  /** Hypothesis version: minimum relative effect of interest, > 0 (0.05 = 5 %). */
  minimumEffect: number;
  /** Hypothesis version: the step that validates the hypothesis. */
  primaryStepKey: string;
  /** Hypothesis version: steps that must not fall (the primary step is ignored here). */
  guardrailStepKeys: string[];
  /** The control variant's key. */
  controlKey: string;
  /** Treatment variant keys in the experiment's order. */
  treatmentKeys: string[];
  /** Per step the comparisons; at least the primary step and the guardrails. */
  steps: VerdictStep[];
  /** Sample-ratio check of this analysis. */
  srm: { pValue: number; flagged: boolean };
  /** This analysis is at (or past) the planned sample: information fraction reached 1. */
  finalLook: boolean;
  /** A person stopped the experiment (this is the stop's final analysis). */
  stopped: boolean;
  /** Share of the planned sample collected so far (0..1), for the progress text. */
  progress?: number;
}

/** What one treatment amounts to under the rule. */
export type TreatmentOutcome = 'validates' | 'refutes' | 'open';

export interface TreatmentVerdict {
  variantKey: string;
  outcome: TreatmentOutcome;
  /** Primary step significant at this look: `up`, `down` or null. */
  primary: 'up' | 'down' | null;
  /** Guardrail steps significantly down. */
  harmedGuardrails: string[];
  /** At the final look the relative-lift interval lies entirely short of the minimum effect. */
  tooSmallToMatter: boolean;
  /** One PM-readable sentence about this treatment. */
  summary: string;
}

/** The API's VerdictResult plus the per-treatment breakdown behind it. */
export interface VerdictDecision extends VerdictResult {
  status: VerdictStatus;
  treatments: TreatmentVerdict[];
}
