import type { AnalysisJob, AnalysisJobAccepted, Page, Results } from '@verdict/shared';
import { ApiRequestError, apiRequest } from './client';

/**
 * One entry of `GET /experiments/:key/analyses`. The contract only says "history, failed runs
 * included", so the console reads the results fields when present and the error otherwise.
 */
export type AnalysisHistoryEntry = Partial<Results> & {
  id?: string;
  analysisId?: string;
  status?: string;
  error?: string | null;
};

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

export async function listAnalyses(key: string): Promise<AnalysisHistoryEntry[]> {
  const page = await apiRequest<Page<AnalysisHistoryEntry> | AnalysisHistoryEntry[]>('GET', `${path(key)}/analyses`, {
    query: { limit: 100 },
  });
  return Array.isArray(page) ? page : page.items;
}

export const requestAnalysis = (key: string): Promise<AnalysisJobAccepted> => apiRequest('POST', `${path(key)}/analyses`);
export const getAnalysisJob = (jobId: string): Promise<AnalysisJob> =>
  apiRequest('GET', `/analysis-jobs/${encodeURIComponent(jobId)}`);
