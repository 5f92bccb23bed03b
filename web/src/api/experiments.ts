import type { CreateExperimentRequest, Experiment, Page, UpdateExperimentRequest } from '@verdict/shared';
import { apiRequest, fetchAll } from './client';

export type ExperimentAction = 'start' | 'pause' | 'stop';

const path = (key: string) => `/experiments/${encodeURIComponent(key)}`;

export const listExperiments = (): Promise<Page<Experiment>> => fetchAll<Experiment>('/experiments');
export const getExperiment = (key: string): Promise<Experiment> => apiRequest('GET', path(key));
export const createExperiment = (body: CreateExperimentRequest): Promise<Experiment> =>
  apiRequest('POST', '/experiments', { body });
export const updateExperiment = (key: string, body: UpdateExperimentRequest): Promise<Experiment> =>
  apiRequest('PATCH', path(key), { body });
export const changeExperimentStatus = (key: string, action: ExperimentAction): Promise<Experiment> =>
  apiRequest('POST', `${path(key)}/${action}`);
