import type { Cohort, CreateCohortRequest, Page, UpdateCohortRequest } from '@verdict/shared';
import { apiRequest, fetchAll } from './client';

export const listCohorts = (): Promise<Page<Cohort>> => fetchAll<Cohort>('/cohorts');
export const getCohort = (key: string): Promise<Cohort> => apiRequest('GET', `/cohorts/${encodeURIComponent(key)}`);
export const createCohort = (body: CreateCohortRequest): Promise<Cohort> => apiRequest('POST', '/cohorts', { body });
export const updateCohort = (key: string, body: UpdateCohortRequest): Promise<Cohort> =>
  apiRequest('PATCH', `/cohorts/${encodeURIComponent(key)}`, { body });
