import type { CreateCohortRequest, UpdateCohortRequest } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createCohort, getCohort, listCohorts, updateCohort } from '../api/cohorts';
import { queryKeys } from './query-keys';

export const useCohorts = () => useQuery({ queryKey: queryKeys.cohorts, queryFn: listCohorts });

export const useCohort = (key: string | undefined) =>
  useQuery({ queryKey: queryKeys.cohort(key ?? ''), queryFn: () => getCohort(key!), enabled: Boolean(key) });

export function useCreateCohort() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCohortRequest) => createCohort(body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cohorts }),
  });
}

export function useUpdateCohort(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCohortRequest) => updateCohort(key, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cohorts }),
  });
}
