import type {
  Direction,
  EvidenceKind,
  HypothesisStatus,
  MetricArea,
  OverrideStatus,
  StatusChangeSource,
  VerdictStatus,
} from '../vocabularies';
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
