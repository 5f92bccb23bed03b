// The HTTP contract, one file per resource: the one source of request/response types for the
// server, the console and the SDK (every route in docs/api.md). Dates travel as ISO-8601 strings.
export * from './common';
export * from './api-keys';
export * from './flows';
export * from './cohorts';
export * from './hypotheses';
export * from './experiments';
export * from './assignments';
export * from './ofrep';
export * from './events';
export * from './analyses';
export * from './breakdown';
export * from './webhooks';
export * from './access';
export * from './units';
export * from './journeys';
export { latestResultFrom } from './latest-result';
export type { LatestResult } from './latest-result';
export { iterationLifts } from './iterations';
export type { HypothesisIteration, HypothesisIterations, IterationLift } from './iterations';
