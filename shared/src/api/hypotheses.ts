import type {
  Direction,
  EvidenceKind,
  HypothesisStatus,
  MetricArea,
  OverrideStatus,
  StatusChangeSource,
  VerdictStatus,
} from '../vocabularies';
import type { CohortExpectation, ExpectationDirection, ExpectationStatus } from './breakdown';
import type { ExperimentSummary } from './experiments';

export interface Evidence {
  kind: EvidenceKind;
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
  /** Pre-registered expectations per cohort (at most 10), each judged by its own test. */
  cohortExpectations?: CohortExpectation[];
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
  cohortExpectations: CohortExpectation[];
  createdAt: string;
  note?: string | null;
}
/** An analysis moved one cohort expectation to another status. */
export interface ExpectationChange {
  version: number;
  cohortKey: string;
  stepKey: string;
  direction: ExpectationDirection;
  from: ExpectationStatus | null;
  to: ExpectationStatus;
  reason: string;
  analysisId: string;
  experimentKey: string;
  at: string;
}
export interface StatusChange {
  from: HypothesisStatus | null;
  to: HypothesisStatus;
  version: number;
  /** `analysis`, `experiment`, `manual` (a person's override) or `system`. */
  source: StatusChangeSource;
  actor: string;
  reason: string;
  analysisId?: string | null;
  experimentKey?: string | null;
  at: string;
}
export interface OverrideVerdictRequest {
  status: OverrideStatus;
  note: string;
}
export interface HypothesisSummary extends CreateHypothesisRequest {
  id: string;
  version: number;
  status: HypothesisStatus;
  guardrailStepKeys: string[];
  cohortKey: string | null;
  cohortExpectations: CohortExpectation[];
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
  /** Every status change of the cohort expectations, oldest first. */
  expectationHistory: ExpectationChange[];
  experiments: ExperimentSummary[];
}
