import type {
  CreateHypothesisRequest,
  OverrideVerdictRequest,
  ReviseHypothesisRequest,
  UpdateHypothesisRequest,
} from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  archiveHypothesis,
  createHypothesis,
  getHypothesis,
  getHypothesisIterations,
  HypothesisFilters,
  listHypotheses,
  overrideVerdict,
  reviseHypothesis,
  updateHypothesis,
} from '../api/hypotheses';
import { queryKeys } from './query-keys';

export const useHypotheses = (filters: HypothesisFilters = {}) =>
  useQuery({ queryKey: queryKeys.hypothesisList(filters), queryFn: () => listHypotheses(filters) });

export const useHypothesis = (id: string | undefined) =>
  useQuery({ queryKey: queryKeys.hypothesis(id ?? ''), queryFn: () => getHypothesis(id!), enabled: Boolean(id) });

export const useHypothesisIterations = (id: string) =>
  useQuery({ queryKey: queryKeys.hypothesisIterations(id), queryFn: () => getHypothesisIterations(id) });

export function useCreateHypothesis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateHypothesisRequest) => createHypothesis(body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.hypotheses }),
  });
}

/** Edit, revise, override and archive all change one hypothesis: refresh it and the board. */
export function useHypothesisActions(id: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.hypotheses });
  return {
    update: useMutation({ mutationFn: (body: UpdateHypothesisRequest) => updateHypothesis(id, body), onSuccess }),
    revise: useMutation({ mutationFn: (body: ReviseHypothesisRequest) => reviseHypothesis(id, body), onSuccess }),
    override: useMutation({ mutationFn: (body: OverrideVerdictRequest) => overrideVerdict(id, body), onSuccess }),
    archive: useMutation({ mutationFn: () => archiveHypothesis(id), onSuccess }),
  };
}
