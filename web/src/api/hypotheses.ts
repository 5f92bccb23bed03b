import type {
  CreateHypothesisRequest,
  Hypothesis,
  HypothesisIterations,
  HypothesisSummary,
  OverrideVerdictRequest,
  Page,
  ReviseHypothesisRequest,
  UpdateHypothesisRequest,
} from '@verdict/shared';
import { apiRequest, fetchAll } from './client';

export interface HypothesisFilters {
  status?: string;
  metricArea?: string;
  owner?: string;
  flowKey?: string;
}

const path = (id: string) => `/hypotheses/${encodeURIComponent(id)}`;

export const listHypotheses = (filters: HypothesisFilters = {}): Promise<Page<HypothesisSummary>> =>
  fetchAll<HypothesisSummary>('/hypotheses', { ...filters });
export const getHypothesis = (id: string): Promise<Hypothesis> => apiRequest('GET', path(id));
export const createHypothesis = (body: CreateHypothesisRequest): Promise<Hypothesis> =>
  apiRequest('POST', '/hypotheses', { body });
export const updateHypothesis = (id: string, body: UpdateHypothesisRequest): Promise<Hypothesis> =>
  apiRequest('PATCH', path(id), { body });
export const reviseHypothesis = (id: string, body: ReviseHypothesisRequest): Promise<Hypothesis> =>
  apiRequest('POST', `${path(id)}/versions`, { body });
export const overrideVerdict = (id: string, body: OverrideVerdictRequest): Promise<Hypothesis> =>
  apiRequest('POST', `${path(id)}/verdict`, { body });
export const archiveHypothesis = (id: string): Promise<Hypothesis> => apiRequest('POST', `${path(id)}/archive`);
export const getHypothesisIterations = (id: string): Promise<HypothesisIterations> => apiRequest('GET', `${path(id)}/iterations`);
