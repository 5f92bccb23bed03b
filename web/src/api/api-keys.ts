import type { ApiKey, CreateApiKeyRequest, CreatedApiKey, Page } from '@verdict/shared';
import { apiRequest, fetchAll } from './client';

export const listApiKeys = (): Promise<Page<ApiKey>> => fetchAll<ApiKey>('/api-keys');
export const createApiKey = (body: CreateApiKeyRequest): Promise<CreatedApiKey> => apiRequest('POST', '/api-keys', { body });
export const revokeApiKey = (id: string): Promise<void> => apiRequest('DELETE', `/api-keys/${encodeURIComponent(id)}`);
