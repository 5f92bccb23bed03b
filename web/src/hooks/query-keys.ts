import type { HypothesisFilters } from '../api/hypotheses';
import type { InsightsFilters } from '../api/journeys';

// Every query key in one place, so that invalidations after a mutation hit the right caches.
export const queryKeys = {
  flows: ['flows'] as const,
  flow: (key: string) => ['flows', key] as const,
  insights: (key: string, filters: InsightsFilters) => ['flows', key, 'insights', filters] as const,
  expectations: (key: string) => ['flows', key, 'expectations'] as const,
  journeyHealth: (key: string) => ['flows', key, 'health'] as const,
  cohorts: ['cohorts'] as const,
  cohort: (key: string) => ['cohorts', key] as const,
  hypotheses: ['hypotheses'] as const,
  hypothesisList: (filters: HypothesisFilters) => ['hypotheses', 'list', filters] as const,
  hypothesis: (id: string) => ['hypotheses', 'detail', id] as const,
  hypothesisIterations: (id: string) => ['hypotheses', 'iterations', id] as const,
  experiments: ['experiments'] as const,
  experiment: (key: string) => ['experiments', 'detail', key] as const,
  results: (key: string) => ['experiments', 'results', key] as const,
  analyses: (key: string) => ['experiments', 'analyses', key] as const,
  breakdown: (key: string) => ['experiments', 'breakdown', key] as const,
  analysisJob: (jobId: string) => ['analysis-jobs', jobId] as const,
  apiKeys: ['api-keys'] as const,
  me: ['me'] as const,
  webhooks: ['webhooks'] as const,
  webhookDeliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};
