import type { CompareStepResult } from '../stats/compare-step';
import type { SrmResult } from '../stats/srm';
import type { AnalysisMethod, Direction } from '../vocabularies';

/** What an analysis needs to know about the experiment and its hypothesis version. */
export interface AnalysisPlan {
  method: AnalysisMethod;
  /** The family alpha before the Bonferroni split; also the level of the reported intervals. */
  alpha: number;
  plannedSampleSize: number;
  baselineRate: number;
  /** In the experiment's fixed order; exactly one is the control. */
  variants: { key: string; weight: number; control: boolean }[];
  primaryStepKey: string;
  guardrailStepKeys: string[];
  expectedDirection: Direction;
  minimumEffect: number;
}

/** One variant's counts on one step. */
export interface VariantCounts {
  /** Units in the step's population (for a milestone step, those whose window has passed). */
  units: number;
  /** Units that reached the step after their assignment. */
  reached: number;
  /** Units with a deviated event on the step after their assignment. */
  deviated: number;
  /**
   * Relative milestones only: units whose window has closed but whose attribute at assignment
   * is not a number > 0, left out of `units`.
   */
  excluded?: number;
  /** CUPED only: units of the population with an aligned event on the step in the lookback window before assignment (ΣX). */
  sumX?: number;
  /** CUPED only: those of them that also reached the step (ΣXY). */
  sumXY?: number;
}

/** variant key → counts on one step. */
export type StepCounts = Record<string, VariantCounts>;

/** Everything an analysis counts, as the database hands it over. */
export interface AnalysisCounts {
  /** variant key → units assigned (forced units excluded). */
  units: Record<string, number>;
  firstAssignedAt: Date | null;
  /** step key → variant key → counts. */
  steps: Record<string, StepCounts>;
}

export interface StoredLook {
  informationFraction: number;
  z: number;
}

/** What the next analysis needs from this one for one step and treatment. */
export interface TreatmentState {
  /** Every sequential look made so far (the boundaries are recomputed over all of them). */
  looks: StoredLook[];
  /** The running minimum of the mSPRT always-valid p-value. */
  msprtPValue: number | null;
}

/** step key → treatment key → state carried from one analysis to the next. */
export interface SequentialState {
  [stepKey: string]: { [variantKey: string]: TreatmentState };
}

export interface VariantStepResult {
  variantKey: string;
  units: number;
  reached: number;
  deviated: number;
  /** reached / units: the tested conversion. */
  rate: number;
  /** reached / reached on the previous step; diagnostic only (it conditions on a post-treatment outcome). */
  stepThroughRate: number | null;
  deviationRate: number;
  /** Relative milestones only: units left out of `units` for want of a usable attribute value. */
  excluded?: number;
}

/** One treatment against control on one step, as results report it. */
export interface Comparison
  extends Pick<
    CompareStepResult,
    | 'absoluteLift'
    | 'relativeLift'
    | 'ciAbsolute'
    | 'ciRelative'
    | 'pValue'
    | 'significant'
    | 'sequential'
    | 'chanceToBeatControl'
    | 'expectedLoss'
  > {
  variantKey: string;
  /** Holm-adjusted across the treatments on this step. */
  adjustedPValue: number;
  msprt?: CompareStepResult['msprt'];
  /** With CUPED the figures above are adjusted; these are the plain ones (null or absent without CUPED). */
  unadjusted?: CompareStepResult['unadjusted'];
  /** CUPED's θ and the share of the variance it removed (null or absent without CUPED). */
  cuped?: CompareStepResult['cuped'];
}

export interface StepResult {
  stepKey: string;
  /** Relative milestones only: the variants' `excluded`, summed. */
  excluded?: number;
  variants: VariantStepResult[];
  comparisons: Comparison[];
}

export type SrmCheck = Pick<SrmResult, 'pValue' | 'flagged'>;

export interface AnalysisProgress {
  /** The smallest information fraction over the treatments on the primary step. */
  fraction: number;
  unitsPerVariant: Record<string, number>;
  plannedSampleSize: number;
  /** When the planned sample is expected at the assignment rate so far (ISO-8601). */
  expectedDate: string | null;
}
