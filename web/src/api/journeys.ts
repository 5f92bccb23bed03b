import type { FlowInsights, HealthCheckJob, JourneyExpectationInput, JourneyExpectations, JourneyHealth } from '@verdict/shared';
import { apiRequest } from './client';

const flowPath = (key: string) => `/flows/${encodeURIComponent(key)}`;

export interface InsightsFilters {
  outcome: string;
  days: number;
  cohort?: string;
}

export const getInsights = (key: string, filters: InsightsFilters): Promise<FlowInsights> => {
  const query = new URLSearchParams({ outcome: filters.outcome, days: String(filters.days) });
  if (filters.cohort) query.set('cohort', filters.cohort);
  return apiRequest('GET', `${flowPath(key)}/insights?${query}`);
};
export const getExpectations = (key: string): Promise<JourneyExpectations> => apiRequest('GET', `${flowPath(key)}/expectations`);
export const setExpectations = (key: string, expectations: JourneyExpectationInput[]): Promise<JourneyExpectations> =>
  apiRequest('PUT', `${flowPath(key)}/expectations`, { body: { expectations } });
export const getJourneyHealth = (key: string): Promise<JourneyHealth> => apiRequest('GET', `${flowPath(key)}/health`);
export const requestHealthCheck = (key: string): Promise<HealthCheckJob> => apiRequest('POST', `${flowPath(key)}/health-checks`);
