import type { CreateApiKeyRequest } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiKey, listApiKeys, revokeApiKey } from '../api/api-keys';
import { queryKeys } from './query-keys';

export const useApiKeys = () => useQuery({ queryKey: queryKeys.apiKeys, queryFn: listApiKeys });

export function useApiKeyActions() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.apiKeys });
  return {
    create: useMutation({ mutationFn: (body: CreateApiKeyRequest) => createApiKey(body), onSuccess }),
    revoke: useMutation({ mutationFn: (id: string) => revokeApiKey(id), onSuccess }),
  };
}
