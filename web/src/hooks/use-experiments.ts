import type { CreateExperimentRequest, UpdateExperimentRequest } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  changeExperimentStatus,
  createExperiment,
  ExperimentAction,
  getExperiment,
  listExperiments,
  updateExperiment,
} from '../api/experiments';
import { queryKeys } from './query-keys';

export const useExperiments = () => useQuery({ queryKey: queryKeys.experiments, queryFn: listExperiments });

export const useExperiment = (key: string | undefined) =>
  useQuery({ queryKey: queryKeys.experiment(key ?? ''), queryFn: () => getExperiment(key!), enabled: Boolean(key) });

export function useCreateExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExperimentRequest) => createExperiment(body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.experiments });
      void client.invalidateQueries({ queryKey: queryKeys.hypotheses });
    },
  });
}

export function useUpdateExperiment(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateExperimentRequest) => updateExperiment(key, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.experiments }),
  });
}

/** Start, pause or stop; a status change can move the hypothesis too, so both refresh. */
export function useExperimentAction(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ExperimentAction) => changeExperimentStatus(key, action),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.experiments });
      void client.invalidateQueries({ queryKey: queryKeys.hypotheses });
    },
  });
}
