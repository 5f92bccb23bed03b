import type { ApiKeyScope } from '../vocabularies';

export interface CreateApiKeyRequest {
  name: string;
  scope: ApiKeyScope;
}
export interface ApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  createdAt: string;
  lastUsedAt?: string | null;
}
export interface CreatedApiKey extends ApiKey {
  /** Shown once. */
  key: string;
}
