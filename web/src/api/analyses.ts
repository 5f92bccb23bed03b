import type { AnalysisJob, AnalysisJobAccepted, AnalysisRecord, Breakdown, Page, Results } from '@verdict/shared';
import { ApiRequestError, apiRequest } from './client';

const path = (key: string) => `/experiments/${encodeURIComponent(key)}`;

/** What the API answers, or null for a 404 (no analysis yet). */
async function orNullBeforeAnalysis<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** The latest successful analysis, or null before the first one. */
export const getResults = (key: string): Promise<Results | null> => orNullBeforeAnalysis(apiRequest<Results>('GET', `${path(key)}/results`));

/** The latest analyses of an experiment, failed runs included, latest first. */
export async function listAnalyses(key: string): Promise<AnalysisRecord[]> {
  const page = await apiRequest<Page<AnalysisRecord>>('GET', `${path(key)}/analyses`, { query: { limit: 100 } });
  return page.items;
}

export const requestAnalysis = (key: string): Promise<AnalysisJobAccepted> => apiRequest('POST', `${path(key)}/analyses`);
export const getAnalysisJob = (jobId: string): Promise<AnalysisJob> =>
  apiRequest('GET', `/analysis-jobs/${encodeURIComponent(jobId)}`);

/** The latest analysis per cohort; null before the first. */
export const getBreakdown = (key: string): Promise<Breakdown | null> =>
  orNullBeforeAnalysis(apiRequest<Breakdown>('GET', `${path(key)}/breakdown`));
