import type { AssignmentReason } from '../vocabularies';

// The OpenFeature Remote Evaluation Protocol (OFREP) as Verdict answers it (docs/api.md, "OFREP"):
// a flag is an experiment, its value the unit's variant key.

/** `POST /ofrep/v1/evaluate/flags/{key}` and `…/flags`: the context's targetingKey is the unit id. */
export interface OfrepEvaluationRequest {
  context?: { targetingKey?: string } & Record<string, unknown>;
}

export const OFREP_REASONS = ['SPLIT', 'TARGETING_MATCH', 'DEFAULT'] as const;
export type OfrepReason = (typeof OFREP_REASONS)[number];

export interface OfrepEvaluation {
  key: string;
  /** The variant key (the control's when the unit is out of the experiment). */
  value: string;
  variant: string;
  reason: OfrepReason;
  metadata: { inExperiment: boolean; assignmentReason: AssignmentReason };
}

export interface OfrepBulkEvaluation {
  flags: OfrepEvaluation[];
}

export const OFREP_ERROR_CODES = ['PARSE_ERROR', 'TARGETING_KEY_MISSING', 'INVALID_CONTEXT', 'FLAG_NOT_FOUND'] as const;
export type OfrepErrorCode = (typeof OFREP_ERROR_CODES)[number];

/** A 400 or 404 of the OFREP routes (the bulk route's 400 has no key). */
export interface OfrepFailure {
  key?: string;
  errorCode: OfrepErrorCode;
  errorDetails: string;
}
