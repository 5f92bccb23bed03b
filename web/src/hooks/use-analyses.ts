import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getAnalysisJob, getBreakdown, getResults, listAnalyses, requestAnalysis } from '../api/analyses';
import { queryKeys } from './query-keys';

/** While an experiment runs, scheduled analyses land on their own: look again every minute. */
const LIVE_REFRESH_MS = 60_000;

export const useResults = (key: string | undefined, live = false) =>
  useQuery({
    queryKey: queryKeys.results(key ?? ''),
    queryFn: () => getResults(key!),
    enabled: Boolean(key),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });

export const useBreakdown = (key: string | undefined, live = false) =>
  useQuery({
    queryKey: queryKeys.breakdown(key ?? ''),
    queryFn: () => getBreakdown(key!),
    enabled: Boolean(key),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });

export const useAnalyses = (key: string | undefined, live = false) =>
  useQuery({
    queryKey: queryKeys.analyses(key ?? ''),
    queryFn: () => listAnalyses(key!),
    enabled: Boolean(key),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });

export const useRequestAnalysis = (key: string) =>
  useMutation({ mutationFn: () => requestAnalysis(key) });

/** Polls a "run analysis now" job until it is done or failed, then refreshes what it changed. */
export function useAnalysisJob(jobId: string | null, experimentKey: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.analysisJob(jobId ?? ''),
    enabled: Boolean(jobId),
    queryFn: async () => {
      const job = await getAnalysisJob(jobId!);
      if (job.state === 'done' || job.state === 'failed') {
        void client.invalidateQueries({ queryKey: queryKeys.results(experimentKey) });
        void client.invalidateQueries({ queryKey: queryKeys.analyses(experimentKey) });
        void client.invalidateQueries({ queryKey: queryKeys.breakdown(experimentKey) });
        void client.invalidateQueries({ queryKey: queryKeys.experiment(experimentKey) });
        void client.invalidateQueries({ queryKey: queryKeys.hypotheses });
      }
      return job;
    },
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'done' || state === 'failed' ? false : 1000;
    },
  });
}
