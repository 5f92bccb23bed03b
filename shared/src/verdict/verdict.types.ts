import type { AlphaSplit } from '../stats/alpha-split';
import type { CompareStepResult } from '../stats/compare-step';
import type { AnalysisMethod, Direction, VerdictStatus } from '../vocabularies';

/**
 * One treatment against control on one step, as the analysis computed it (`compareStep`).
 * Intervals are at the experiment's alpha (e.g. 95 %); the `sequential` bounds must have been
 * computed at the step's Bonferroni-split alpha (`alphaSplit`; `compareStep` does both).
 */
export interface VerdictComparison
  extends Pick<
    CompareStepResult,
    'absoluteLift' | 'relativeLift' | 'ciAbsolute' | 'ciRelative' | 'pValue' | 'sequential' | 'plannedSampleReached'
  > {
  variantKey: string;
  /** Method msprt: the always-valid p-value and interval. */
  msprt?: CompareStepResult['msprt'];
  /** With CUPED: θ and the variance removed (the reason mentions it). */
  cuped?: CompareStepResult['cuped'];
}

export interface VerdictStep {
  stepKey: string;
  /** One per treatment; a treatment missing here counts as "no evidence yet". */
  comparisons: VerdictComparison[];
}

/** Everything the verdict rule (docs/architecture.md) needs from one analysis. */
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
  /**
   * The split the comparisons were tested at, when the caller already made it (the analysis
   * core does); otherwise made here from `alpha`, `treatmentKeys` and the steps above.
   */
  alphaSplit?: AlphaSplit;
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

/** The verdict of one analysis, as stored and served. */
export interface VerdictResult {
  status: VerdictStatus;
  reason: string;
  variantKey?: string | null;
  final: boolean;
}

/** The verdict plus the per-treatment breakdown behind it. */
export interface VerdictDecision extends VerdictResult {
  status: VerdictStatus;
  treatments: TreatmentVerdict[];
}
