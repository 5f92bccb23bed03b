import type { AnalysisMethod, ExperimentStatus } from '../vocabularies';

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
  analysisIntervalMinutes: number;
  forcedVariants: Record<string, string>;
  flowKey: string;
  createdAt: string;
  updatedAt: string;
}
