import type { FlowInsights, HealthCheckJob, JourneyExpectationInput, JourneyExpectations, JourneyHealth } from '@verdict/shared';
import { apiRequest } from './client';

const flowPath = (key: string) => `/flows/${encodeURIComponent(key)}`;

/** An empty cohort means everyone (left out of the query). */
export type InsightsFilters = { outcome: string; days: number; cohort: string };

export const getInsights = (key: string, filters: InsightsFilters): Promise<FlowInsights> =>
  apiRequest('GET', `${flowPath(key)}/insights`, { query: filters });
export const getExpectations = (key: string): Promise<JourneyExpectations> => apiRequest('GET', `${flowPath(key)}/expectations`);
export const setExpectations = (key: string, expectations: JourneyExpectationInput[]): Promise<JourneyExpectations> =>
  apiRequest('PUT', `${flowPath(key)}/expectations`, { body: { expectations } });
export const getJourneyHealth = (key: string): Promise<JourneyHealth> => apiRequest('GET', `${flowPath(key)}/health`);
export const requestHealthCheck = (key: string): Promise<HealthCheckJob> => apiRequest('POST', `${flowPath(key)}/health-checks`);
