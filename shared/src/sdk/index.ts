// The TypeScript SDK (Node ≥ 18 and browsers: global fetch, no Node-only imports).
export { VerdictClient, newEventId, VerdictEventsRejectedError } from './client';
export type { VerdictClientOptions, TrackInput } from './client';
export { LocalEvaluator } from './local-evaluator';
export type { LocalEvaluatorOptions } from './local-evaluator';
export { Transport, VerdictHttpError } from './transport';
export type { TransportOptions, FetchLike } from './transport';
