import type { AnalysisTrigger } from '@verdict/shared';

// Queue and job names live here and nowhere else.
export const ANALYSIS_QUEUE = 'verdict-analysis';

export const JOB_RUN_ANALYSIS = 'run-analysis';

export type AnalysisTriggerKind = AnalysisTrigger;

export interface RunAnalysisJobData {
  experimentId: string;
  trigger: AnalysisTriggerKind;
}

/** Stable scheduler id per experiment: upserting it again never duplicates a schedule. */
export const schedulerId = (experimentId: string) => `analysis:${experimentId}`;

export const experimentIdOfScheduler = (id: string): string | null =>
  id.startsWith('analysis:') ? id.slice('analysis:'.length) : null;
