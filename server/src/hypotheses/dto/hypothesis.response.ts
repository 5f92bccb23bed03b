import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTIONS, EVIDENCE_KINDS, EXPECTATION_DIRECTIONS, EXPECTATION_STATUSES, HYPOTHESIS_STATUSES, METRIC_AREAS, STATUS_CHANGE_SOURCES, VERDICT_STATUSES } from '@verdict/shared';
import type {
  CohortExpectation,
  Direction,
  ExpectationChange,
  ExpectationDirection,
  ExpectationStatus,
  Evidence,
  Hypothesis,
  HypothesisStatus,
  HypothesisSummary,
  HypothesisVersion,
  MetricArea,
  StatusChange,
  VerdictStatus,
} from '@verdict/shared';
import { ExperimentSummaryResponse } from './experiment-summary.response';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

class EvidenceResponse implements Evidence {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind!: Evidence['kind'];
  @ApiProperty() source!: string;
  @ApiProperty() note!: string;
}

class ComputedVerdictResponse {
  @ApiProperty({ enum: VERDICT_STATUSES }) status!: VerdictStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) analysisId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class ManualVerdictResponse {
  @ApiProperty({ enum: HYPOTHESIS_STATUSES }) status!: HypothesisStatus;
  @ApiProperty() note!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class LatestResultResponse {
  @ApiProperty() experimentKey!: string;
  @ApiProperty() variantKey!: string;
  @ApiProperty({ type: Number, nullable: true }) relativeLift!: number | null;
  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, nullable: true }) ciRelative!: [number, number] | null;
  @ApiProperty() progress!: number;
}

export class CohortExpectationResponse implements CohortExpectation {
  @ApiProperty() cohortKey!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ enum: EXPECTATION_DIRECTIONS }) direction!: ExpectationDirection;
  @ApiPropertyOptional({ type: Number, nullable: true }) minimumEffect?: number | null;
  @ApiProperty() baselineRate!: number;
}

class ExpectationChangeResponse implements ExpectationChange {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() cohortKey!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ enum: EXPECTATION_DIRECTIONS }) direction!: ExpectationDirection;
  @ApiProperty({ type: String, enum: EXPECTATION_STATUSES, nullable: true }) from!: ExpectationStatus | null;
  @ApiProperty({ enum: EXPECTATION_STATUSES }) to!: ExpectationStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) analysisId!: string;
  @ApiProperty() experimentKey!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class HypothesisSummaryResponse implements HypothesisSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ enum: HYPOTHESIS_STATUSES }) status!: HypothesisStatus;
  @ApiProperty() title!: string;
  @ApiProperty() statement!: string;
  @ApiProperty({ enum: METRIC_AREAS }) metricArea!: MetricArea;
  @ApiProperty() flowKey!: string;
  @ApiProperty() primaryStepKey!: string;
  @ApiProperty({ enum: DIRECTIONS }) expectedDirection!: Direction;
  @ApiProperty() minimumEffect!: number;
  @ApiProperty({ type: String, nullable: true }) cohortKey!: string | null;
  @ApiProperty({ type: [String] }) guardrailStepKeys!: string[];
  @ApiProperty({ type: [CohortExpectationResponse] }) cohortExpectations!: CohortExpectationResponse[];
  @ApiProperty({ type: 'integer' }) impact!: number;
  @ApiProperty({ type: 'integer' }) confidence!: number;
  @ApiProperty({ type: 'integer' }) ease!: number;
  @ApiProperty({ type: 'integer', description: 'impact × confidence × ease' }) score!: number;
  @ApiProperty() owner!: string;
  @ApiProperty({ type: [EvidenceResponse] }) evidence!: EvidenceResponse[];
  @ApiPropertyOptional({ type: ComputedVerdictResponse, nullable: true }) computedVerdict?: ComputedVerdictResponse | null;
  @ApiPropertyOptional({ type: ManualVerdictResponse, nullable: true }) manualVerdict?: ManualVerdictResponse | null;
  @ApiPropertyOptional({ type: LatestResultResponse, nullable: true }) latestResult?: LatestResultResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

class HypothesisVersionResponse implements HypothesisVersion {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() statement!: string;
  @ApiProperty() primaryStepKey!: string;
  @ApiProperty({ enum: DIRECTIONS }) expectedDirection!: Direction;
  @ApiProperty() minimumEffect!: number;
  @ApiProperty({ type: String, nullable: true }) cohortKey!: string | null;
  @ApiProperty({ type: [String] }) guardrailStepKeys!: string[];
  @ApiProperty({ type: [CohortExpectationResponse] }) cohortExpectations!: CohortExpectationResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) note?: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class StatusChangeResponse implements StatusChange {
  @ApiProperty({ type: String, enum: HYPOTHESIS_STATUSES, nullable: true }) from!: HypothesisStatus | null;
  @ApiProperty({ enum: HYPOTHESIS_STATUSES }) to!: HypothesisStatus;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ enum: STATUS_CHANGE_SOURCES }) source!: StatusChange['source'];
  @ApiProperty() actor!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) analysisId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) experimentKey?: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class HypothesisResponse extends HypothesisSummaryResponse implements Hypothesis {
  @ApiProperty({ type: [HypothesisVersionResponse] }) versions!: HypothesisVersionResponse[];
  @ApiProperty({ type: [StatusChangeResponse] }) statusHistory!: StatusChangeResponse[];
  @ApiProperty({ type: [ExpectationChangeResponse] }) expectationHistory!: ExpectationChangeResponse[];
  @ApiProperty({ type: [ExperimentSummaryResponse] }) experiments!: ExperimentSummaryResponse[];
}
