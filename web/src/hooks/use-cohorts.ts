import type { CreateCohortRequest, UpdateCohortRequest } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createCohort, getCohort, listCohorts, updateCohort } from '../api/cohorts';
import { queryKeys } from './query-keys';

export const useCohorts = () => useQuery({ queryKey: queryKeys.cohorts, queryFn: listCohorts });

/** Cohort names by key (empty until the list arrives), to show a PM names rather than keys. */
export function useCohortNames(): Record<string, string> {
  const cohorts = useCohorts();
  return useMemo(() => Object.fromEntries((cohorts.data?.items ?? []).map((cohort) => [cohort.key, cohort.name])), [cohorts.data]);
}

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
