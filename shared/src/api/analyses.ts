import type { ExpectationResult } from './breakdown';
import type { AnalysisProgress, SrmCheck, StepResult } from '../analysis/analysis.types';
import type { VerdictResult } from '../verdict/verdict.types';
import type { AnalysisJobState, AnalysisRecordStatus, AnalysisTrigger } from '../vocabularies';

// The per-step shapes (StepResult, Comparison, VariantStepResult, SequentialLook) and the
// verdict are the analysis core's own output, served as they are.
export type { Comparison, StepResult, VariantStepResult } from '../analysis/analysis.types';
export type { SequentialLook } from '../stats/compare-step';
export type { VerdictResult } from '../verdict/verdict.types';

export interface AnalysisJobAccepted {
  jobId: string;
}
export interface AnalysisJob {
  jobId: string;
  experimentKey: string;
  state: AnalysisJobState;
  analysisId: string | null;
  error: string | null;
}

export interface Results {
  analysisId: string;
  experimentKey: string;
  ranAt: string;
  trigger: AnalysisTrigger;
  durationMs: number;
  postDecision: boolean;
  srm: SrmCheck;
  progress: AnalysisProgress;
  verdict: VerdictResult;
  steps: StepResult[];
  /** The hypothesis version's audience: the steps above count its units only. */
  audience?: { cohortKey: string; units: number; outsideUnits: number } | null;
  /** `?cohort=KEY`: the steps above are that cohort's (exploratory; the verdict is the experiment's). */
  cohortKey?: string | null;
  /** The cohort expectations of the hypothesis version, each with its own status. */
  expectations?: ExpectationResult[];
}
export interface AnalysisRecord {
  id: string;
  experimentKey: string;
  ranAt: string;
  trigger: AnalysisTrigger;
  status: AnalysisRecordStatus;
  error: string | null;
  durationMs: number;
  verdict: VerdictResult | null;
  results: Results | null;
}
