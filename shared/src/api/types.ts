// The HTTP contract of DESIGN §9: the one source of request/response types for the
// server, the console and the SDK. Dates travel as ISO-8601 strings.

export type StepKind = 'trigger' | 'step' | 'need_met' | 'adoption' | 'business_outcome';
export const STEP_KINDS: readonly StepKind[] = ['trigger', 'step', 'need_met', 'adoption', 'business_outcome'];

export type MetricArea =
  | 'business_agility'
  | 'customer_engagement'
  | 'customer_reach'
  | 'financial_impact'
  | 'solution_performance';
export const METRIC_AREAS: readonly MetricArea[] = [
  'business_agility',
  'customer_engagement',
  'customer_reach',
  'financial_impact',
  'solution_performance',
];

export type Direction = 'increase' | 'decrease';
export type HypothesisStatus = 'draft' | 'running' | 'validated' | 'refuted' | 'inconclusive' | 'archived';
export const HYPOTHESIS_STATUSES: readonly HypothesisStatus[] = [
  'draft',
  'running',
  'validated',
  'refuted',
  'inconclusive',
  'archived',
];
export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'stopped';
export type AnalysisMethod = 'sequential' | 'fixed' | 'msprt';
export type CohortKind = 'focus_group' | 'segment' | 'vertical' | 'demographic' | 'custom';
export type RuleOp = 'eq' | 'neq' | 'in' | 'nin' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';
export type ApiKeyScope = 'admin' | 'sdk';
export type StepOutcome = 'aligned' | 'deviated';
export type VerdictStatus = 'running' | 'validated' | 'refuted' | 'inconclusive' | 'blocked';
export type AnalysisTrigger = 'scheduled' | 'manual' | 'final';
export type AnalysisJobState = 'queued' | 'running' | 'done' | 'failed';

export type Attributes = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level problems of a 400: `{field: "steps[0].kind", reason: "must be one of …"}`. */
  errors?: { field: string; reason: string }[];
  errorId?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
}

export interface CreateApiKeyRequest {
  name: string;
  scope: ApiKeyScope;
}
export interface ApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  createdAt: string;
  lastUsedAt?: string | null;
}
export interface CreatedApiKey extends ApiKey {
  /** Shown once. */
  key: string;
}

export interface Milestone {
  minEvents: number;
  withinDays: number;
}
export interface FlowStep {
  key: string;
  name: string;
  kind: StepKind;
  terminal?: boolean;
  milestone?: Milestone | null;
}
export interface CreateFlowRequest {
  key: string;
  name: string;
  description?: string;
  steps: FlowStep[];
}
export type UpdateFlowRequest = Partial<Pick<CreateFlowRequest, 'name' | 'description' | 'steps'>>;
export interface Flow extends CreateFlowRequest {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface CohortRule {
  attribute: string;
  op: RuleOp;
  value: unknown;
}
export interface CreateCohortRequest {
  key: string;
  name: string;
  kind: CohortKind;
  rules?: CohortRule[];
  members?: string[];
}
export type UpdateCohortRequest = Partial<Omit<CreateCohortRequest, 'key'>>;
export interface Cohort extends CreateCohortRequest {
  id: string;
  rules: CohortRule[];
  members: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Evidence {
  kind: 'qualitative' | 'quantitative';
  source: string;
  note: string;
}

/** The testable fields: changing any of them makes a new version. */
export interface HypothesisVersionFields {
  statement: string;
  primaryStepKey: string;
  expectedDirection: Direction;
  minimumEffect: number;
  cohortKey?: string | null;
  guardrailStepKeys?: string[];
}
export interface CreateHypothesisRequest extends HypothesisVersionFields {
  title: string;
  metricArea: MetricArea;
  flowKey: string;
  impact: number;
  confidence: number;
  ease: number;
  owner?: string;
  evidence?: Evidence[];
}
export type UpdateHypothesisRequest = Partial<
  Pick<CreateHypothesisRequest, 'title' | 'owner' | 'impact' | 'confidence' | 'ease' | 'evidence'>
>;
export type ReviseHypothesisRequest = Partial<HypothesisVersionFields> & { note?: string };
export interface HypothesisVersion extends HypothesisVersionFields {
  version: number;
  guardrailStepKeys: string[];
  cohortKey: string | null;
  createdAt: string;
  note?: string | null;
}
export interface StatusChange {
  from: HypothesisStatus | null;
  to: HypothesisStatus;
  version: number;
  /** `analysis`, `experiment`, `manual` (a person's override) or `system`. */
  source: 'analysis' | 'experiment' | 'manual' | 'system';
  actor: string;
  reason: string;
  analysisId?: string | null;
  experimentKey?: string | null;
  at: string;
}
export interface OverrideVerdictRequest {
  status: 'validated' | 'refuted' | 'inconclusive';
  note: string;
}
export interface HypothesisSummary extends CreateHypothesisRequest {
  id: string;
  version: number;
  status: HypothesisStatus;
  guardrailStepKeys: string[];
  cohortKey: string | null;
  evidence: Evidence[];
  owner: string;
  /** impact × confidence × ease */
  score: number;
  /** The verdict computed from analyses for the current version, if any. */
  computedVerdict?: { status: VerdictStatus; reason: string; analysisId: string; at: string } | null;
  /** A person's override for the current version, if any (wins over the computed verdict). */
  manualVerdict?: { status: HypothesisStatus; note: string; actor: string; at: string } | null;
  /** Latest primary-step result of its current experiment, for the board. */
  latestResult?: {
    experimentKey: string;
    variantKey: string;
    relativeLift: number | null;
    ciRelative: [number, number] | null;
    progress: number;
  } | null;
  createdAt: string;
  updatedAt: string;
}
export interface Hypothesis extends HypothesisSummary {
  versions: HypothesisVersion[];
  statusHistory: StatusChange[];
  experiments: ExperimentSummary[];
}

export interface Variant {
  key: string;
  name?: string;
  weight: number;
  control?: boolean;
}
export interface CreateExperimentRequest {
  key: string;
  name: string;
  hypothesisId: string;
  variants: Variant[];
  coverage?: number;
  seed?: string;
  targetCohortKeys?: string[];
  alpha?: number;
  power?: number;
  method?: AnalysisMethod;
  baselineRate: number;
  analysisIntervalMinutes?: number;
  forcedVariants?: Record<string, string>;
  plannedSampleSize?: number;
}
export type UpdateExperimentRequest = Partial<Omit<CreateExperimentRequest, 'key' | 'hypothesisId'>>;
export interface ExperimentSummary {
  id: string;
  key: string;
  name: string;
  hypothesisId: string;
  hypothesisVersion: number;
  status: ExperimentStatus;
  method: AnalysisMethod;
  startedAt: string | null;
  stoppedAt: string | null;
}
export interface Experiment extends ExperimentSummary {
  variants: { key: string; name: string | null; weight: number; control: boolean }[];
  coverage: number;
  seed: string;
  targetCohortKeys: string[];
  alpha: number;
  power: number;
  baselineRate: number;
  plannedSampleSize: number;
  analysisIntervalMinutes: number;
  forcedVariants: Record<string, string>;
  flowKey: string;
  createdAt: string;
  updatedAt: string;
}

export type AssignmentReason =
  | 'assigned'
  | 'sticky'
  | 'forced'
  | 'not_running'
  | 'not_targeted'
  | 'not_in_coverage';
export interface AssignmentRequest {
  experimentKey: string;
  unitId: string;
  attributes?: Attributes;
}
export interface AssignmentResponse {
  experimentKey: string;
  unitId: string;
  inExperiment: boolean;
  variantKey: string | null;
  assignedAt: string | null;
  reason: AssignmentReason;
}

/** What an SDK needs to evaluate running experiments locally (GET /sdk/config). */
export interface SdkExperimentConfig {
  key: string;
  seed: string;
  status: ExperimentStatus;
  variants: { key: string; weight: number; control: boolean }[];
  coverage: number;
  /** Any one cohort must match (OR); within a cohort all rules hold (AND). Empty: everyone. */
  targeting: { key: string; rules: CohortRule[]; members: string[] }[];
  forcedVariants: Record<string, string>;
}
export interface SdkConfig {
  version: string;
  generatedAt: string;
  experiments: SdkExperimentConfig[];
}

export interface Exposure {
  experimentKey: string;
  unitId: string;
  variantKey: string;
  attributes?: Attributes;
  assignedAt?: string;
}
export interface ExposuresRequest {
  exposures: Exposure[];
}
export interface ExposuresResponse {
  accepted: number;
  rejected: { index: number; reason: string }[];
}

export interface StepEvent {
  id: string;
  unitId: string;
  flowKey: string;
  stepKey: string;
  outcome: StepOutcome;
  occurredAt?: string;
  properties?: Record<string, unknown>;
}
export interface EventsRequest {
  events: StepEvent[];
}
export interface EventsResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string | null; reason: string }[];
}

export interface AnalysisJobAccepted {
  jobId: string;
}
export interface AnalysisJob {
  jobId: string;
  experimentKey: string;
  state: AnalysisJobState;
  analysisId: string | null;
  error: string | null;
}

export interface VariantStepResult {
  variantKey: string;
  units: number;
  reached: number;
  deviated: number;
  rate: number;
  stepThroughRate: number | null;
  deviationRate: number;
}
export interface SequentialLook {
  look: number;
  informationFraction: number;
  z: number;
  upperBound: number;
  lowerBound: number;
  alphaSpent: number;
}
export interface Comparison {
  variantKey: string;
  absoluteLift: number;
  relativeLift: number | null;
  ciAbsolute: [number, number];
  ciRelative: [number, number] | null;
  /** Fixed-horizon, two-sided. */
  pValue: number;
  /** Holm-adjusted across the treatments on this step. */
  adjustedPValue: number;
  /** By the experiment's method. */
  significant: boolean;
  sequential: SequentialLook | null;
  msprt?: { pValue: number; ciAbsolute: [number, number] } | null;
  chanceToBeatControl: number;
  expectedLoss: { control: number; treatment: number };
}
export interface StepResult {
  stepKey: string;
  variants: VariantStepResult[];
  comparisons: Comparison[];
}
export interface VerdictResult {
  status: VerdictStatus;
  reason: string;
  variantKey?: string | null;
  final: boolean;
}
export interface Results {
  analysisId: string;
  experimentKey: string;
  ranAt: string;
  trigger: AnalysisTrigger;
  durationMs: number;
  postDecision: boolean;
  srm: { pValue: number; flagged: boolean };
  progress: {
    fraction: number;
    unitsPerVariant: Record<string, number>;
    plannedSampleSize: number;
    expectedDate: string | null;
  };
  verdict: VerdictResult;
  steps: StepResult[];
}
export interface AnalysisRecord {
  id: string;
  experimentKey: string;
  ranAt: string;
  trigger: AnalysisTrigger;
  status: 'succeeded' | 'failed';
  error: string | null;
  durationMs: number;
  verdict: VerdictResult | null;
  results: Results | null;
}
