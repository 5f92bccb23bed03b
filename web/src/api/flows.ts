import type { CreateFlowRequest, Flow, Page, UpdateFlowRequest } from '@verdict/shared';
import { apiRequest, fetchAll } from './client';

export const listFlows = (): Promise<Page<Flow>> => fetchAll<Flow>('/flows');
export const getFlow = (key: string): Promise<Flow> => apiRequest('GET', `/flows/${encodeURIComponent(key)}`);
export const createFlow = (body: CreateFlowRequest): Promise<Flow> => apiRequest('POST', '/flows', { body });
export const updateFlow = (key: string, body: UpdateFlowRequest): Promise<Flow> =>
  apiRequest('PATCH', `/flows/${encodeURIComponent(key)}`, { body });
