import type { AnalysisMethod, ExperimentStatus, VarianceReductionMethod } from '../vocabularies';

export interface VarianceReduction {
  method: VarianceReductionMethod;
  /** Days before assignment in which the covariate is observed (1–30). */
  lookbackDays: number;
}

export interface Variant {
  key: string;
  name?: string;
  weight: number;
  control?: boolean;
}
export interface CreateExperimentRequest {
  key: string;
  name: string;
  hypothesisId: string;
  variants: Variant[];
  coverage?: number;
  seed?: string;
  targetCohortKeys?: string[];
  alpha?: number;
  power?: number;
  method?: AnalysisMethod;
  baselineRate: number;
  analysisIntervalMinutes?: number;
  forcedVariants?: Record<string, string>;
  plannedSampleSize?: number;
  /** Default `{method: 'cuped', lookbackDays: 14}`; frozen while running. */
  varianceReduction?: { method: VarianceReductionMethod; lookbackDays?: number };
}
export type UpdateExperimentRequest = Partial<Omit<CreateExperimentRequest, 'key' | 'hypothesisId'>>;
export interface ExperimentSummary {
  id: string;
  key: string;
  name: string;
  hypothesisId: string;
  hypothesisVersion: number;
  status: ExperimentStatus;
  method: AnalysisMethod;
  startedAt: string | null;
  stoppedAt: string | null;
}
export interface Experiment extends ExperimentSummary {
  variants: { key: string; name: string | null; weight: number; control: boolean }[];
  coverage: number;
  seed: string;
  targetCohortKeys: string[];
  alpha: number;
  power: number;
  baselineRate: number;
  plannedSampleSize: number;
  /** The plan without variance reduction (equal to plannedSampleSize when there is none). */
  plannedSampleSizeWithout: number;
  /** Share of the primary step's variance CUPED is expected to remove, from the flow's history (0 without). */
  expectedVarianceReduction: number;
  varianceReduction: VarianceReduction;
  analysisIntervalMinutes: number;
  forcedVariants: Record<string, string>;
  flowKey: string;
  createdAt: string;
  updatedAt: string;
}
