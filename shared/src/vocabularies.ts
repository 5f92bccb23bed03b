// Every closed list of words the API, the server and the console share. Each list is the one
// source: the union type is derived from it, the server validates requests against it and the
// console offers its options from it.

export const STEP_KINDS = ['trigger', 'step', 'need_met', 'adoption', 'business_outcome'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_OUTCOMES = ['aligned', 'deviated'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

export const METRIC_AREAS = [
  'business_agility',
  'customer_engagement',
  'customer_reach',
  'financial_impact',
  'solution_performance',
] as const;
export type MetricArea = (typeof METRIC_AREAS)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const EVIDENCE_KINDS = ['qualitative', 'quantitative'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const HYPOTHESIS_STATUSES = ['draft', 'running', 'validated', 'refuted', 'inconclusive', 'archived'] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];

/** The statuses a person may set by overriding the computed verdict. */
export const OVERRIDE_STATUSES = ['validated', 'refuted', 'inconclusive'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

/** Who moved a hypothesis' status: `manual` is a person's override. */
export const STATUS_CHANGE_SOURCES = ['analysis', 'experiment', 'manual', 'system'] as const;
export type StatusChangeSource = (typeof STATUS_CHANGE_SOURCES)[number];

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const ANALYSIS_METHODS = ['sequential', 'fixed', 'msprt'] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];

/** `cuped`: adjust every step's comparison with the units' behaviour before assignment; `none`: do not. */
export const VARIANCE_REDUCTION_METHODS = ['cuped', 'none'] as const;
export type VarianceReductionMethod = (typeof VARIANCE_REDUCTION_METHODS)[number];

export const COHORT_KINDS = ['focus_group', 'segment', 'vertical', 'demographic', 'custom'] as const;
export type CohortKind = (typeof COHORT_KINDS)[number];

export const RULE_OPS = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** `viewer` < `editor` < `admin` for people; `sdk` keys may only call assignments, exposures, events and the SDK config. */
export const API_KEY_SCOPES = ['viewer', 'editor', 'admin', 'sdk'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const ASSIGNMENT_REASONS = [
  'assigned',
  'sticky',
  'forced',
  'not_running',
  'not_targeted',
  'not_in_coverage',
] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

export const VERDICT_STATUSES = ['running', 'validated', 'refuted', 'inconclusive', 'blocked'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export const ANALYSIS_TRIGGERS = ['scheduled', 'manual', 'final'] as const;
export type AnalysisTrigger = (typeof ANALYSIS_TRIGGERS)[number];

export const ANALYSIS_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type AnalysisJobState = (typeof ANALYSIS_JOB_STATES)[number];

export const ANALYSIS_RECORD_STATUSES = ['succeeded', 'failed'] as const;
export type AnalysisRecordStatus = (typeof ANALYSIS_RECORD_STATUSES)[number];

/** `value` is one of the words of `vocabulary` (and its type narrows to them). */
export function isOneOf<T extends string>(vocabulary: readonly T[], value: unknown): value is T {
  return (vocabulary as readonly unknown[]).includes(value);
}
