import type { JourneyExpectationInput } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getExpectations, getInsights, getJourneyHealth, InsightsFilters, requestHealthCheck, setExpectations } from '../api/journeys';
import { queryKeys } from './query-keys';

export const useInsights = (key: string, filters: InsightsFilters) =>
  useQuery({ queryKey: queryKeys.insights(key, filters), queryFn: () => getInsights(key, filters) });

export const useExpectations = (key: string) => useQuery({ queryKey: queryKeys.expectations(key), queryFn: () => getExpectations(key) });

/** The health, polled every few seconds while a check asked for by hand may still be running. */
export const useJourneyHealth = (key: string, polling: boolean) =>
  useQuery({ queryKey: queryKeys.journeyHealth(key), queryFn: () => getJourneyHealth(key), refetchInterval: polling ? 1500 : false });

export function useSetExpectations(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (expectations: JourneyExpectationInput[]) => setExpectations(key, expectations),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.expectations(key) });
      void client.invalidateQueries({ queryKey: queryKeys.journeyHealth(key) });
    },
  });
}

export function useRequestHealthCheck(key: string) {
  return useMutation({ mutationFn: () => requestHealthCheck(key) });
}
