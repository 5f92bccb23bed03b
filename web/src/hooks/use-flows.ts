import type { CreateFlowRequest, UpdateFlowRequest } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createFlow, getFlow, listFlows, updateFlow } from '../api/flows';
import { queryKeys } from './query-keys';

export const useFlows = () => useQuery({ queryKey: queryKeys.flows, queryFn: listFlows });

export const useFlow = (key: string | undefined) =>
  useQuery({ queryKey: queryKeys.flow(key ?? ''), queryFn: () => getFlow(key!), enabled: Boolean(key) });

export function useCreateFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFlowRequest) => createFlow(body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.flows }),
  });
}

export function useUpdateFlow(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateFlowRequest) => updateFlow(key, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.flows }),
  });
}
