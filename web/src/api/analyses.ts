import type { AnalysisJob, AnalysisJobAccepted, AnalysisRecord, Breakdown, Page, Results } from '@verdict/shared';
import { ApiRequestError, apiRequest } from './client';

const path = (key: string) => `/experiments/${encodeURIComponent(key)}`;

/** The latest successful analysis, or null before the first one (the API answers 404). */
export async function getResults(key: string): Promise<Results | null> {
  try {
    return await apiRequest<Results>('GET', `${path(key)}/results`);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** The latest analyses of an experiment, failed runs included, latest first. */
export async function listAnalyses(key: string): Promise<AnalysisRecord[]> {
  const page = await apiRequest<Page<AnalysisRecord>>('GET', `${path(key)}/analyses`, { query: { limit: 100 } });
  return page.items;
}

export const requestAnalysis = (key: string): Promise<AnalysisJobAccepted> => apiRequest('POST', `${path(key)}/analyses`);
export const getAnalysisJob = (jobId: string): Promise<AnalysisJob> =>
  apiRequest('GET', `/analysis-jobs/${encodeURIComponent(jobId)}`);

/** The latest analysis per cohort (or, with `attribute`, per value of that attribute); null before the first. */
export async function getBreakdown(key: string, attribute?: string): Promise<Breakdown | null> {
  try {
    return await apiRequest<Breakdown>('GET', `${path(key)}/breakdown`, attribute ? { query: { by: `attribute:${attribute}` } } : undefined);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}
