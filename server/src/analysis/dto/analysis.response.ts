import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { ANALYSIS_JOB_STATES, ANALYSIS_RECORD_STATUSES, ANALYSIS_TRIGGERS, VERDICT_STATUSES } from '@verdict/shared';
import type {
  AnalysisJob,
  AnalysisJobAccepted,
  AnalysisJobState,
  AnalysisRecord,
  AnalysisTrigger,
  Comparison,
  Results,
  SequentialLook,
  StepResult,
  VariantStepResult,
  VerdictResult,
  VerdictStatus,
} from '@verdict/shared';

import { ExpectationResultResponse } from './expectation.response';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

const INTERVAL: ApiPropertyOptions = { type: [Number], minItems: 2, maxItems: 2, description: '[lower, upper]' };

export class AnalysisJobAcceptedResponse implements AnalysisJobAccepted {
  @ApiProperty({ description: 'Poll `GET /analysis-jobs/:jobId`' }) jobId!: string;
}

export class AnalysisJobResponse implements AnalysisJob {
  @ApiProperty() jobId!: string;
  @ApiProperty() experimentKey!: string;
  @ApiProperty({ enum: ANALYSIS_JOB_STATES }) state!: AnalysisJobState;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) analysisId!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class VariantStepResultResponse implements VariantStepResult {
  @ApiProperty() variantKey!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) units!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) reached!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) deviated!: number;
  @ApiProperty() rate!: number;
  @ApiProperty({ type: Number, nullable: true }) stepThroughRate!: number | null;
  @ApiProperty() deviationRate!: number;
}

class SequentialLookResponse implements SequentialLook {
  @ApiProperty({ type: 'integer', minimum: 0, description: '0 before the first look' }) look!: number;
  @ApiProperty() informationFraction!: number;
  @ApiProperty() z!: number;
  @ApiProperty({ description: 'Infinity is sent as null by JSON', nullable: true, type: Number }) upperBound!: number;
  @ApiProperty({ description: 'Infinity is sent as null by JSON', nullable: true, type: Number }) lowerBound!: number;
  @ApiProperty() alphaSpent!: number;
}

class MsprtResponse {
  @ApiProperty() pValue!: number;
  @ApiProperty(INTERVAL) ciAbsolute!: [number, number];
}

class ExpectedLossResponse {
  @ApiProperty() control!: number;
  @ApiProperty() treatment!: number;
}

class ComparisonResponse implements Comparison {
  @ApiProperty() variantKey!: string;
  @ApiProperty() absoluteLift!: number;
  @ApiProperty({ type: Number, nullable: true }) relativeLift!: number | null;
  @ApiProperty(INTERVAL) ciAbsolute!: [number, number];
  @ApiProperty({ ...INTERVAL, nullable: true } as ApiPropertyOptions) ciRelative!: [number, number] | null;
  @ApiProperty({ description: 'Fixed-horizon, two-sided' }) pValue!: number;
  @ApiProperty({ description: 'Holm-adjusted across the treatments on this step' }) adjustedPValue!: number;
  @ApiProperty({ description: "By the experiment's method" }) significant!: boolean;
  @ApiProperty({ type: SequentialLookResponse, nullable: true }) sequential!: SequentialLookResponse | null;
  @ApiPropertyOptional({ type: MsprtResponse, nullable: true }) msprt?: MsprtResponse | null;
  @ApiProperty() chanceToBeatControl!: number;
  @ApiProperty({ type: ExpectedLossResponse }) expectedLoss!: ExpectedLossResponse;
}

class StepResultResponse implements StepResult {
  @ApiProperty() stepKey!: string;
  @ApiProperty({ type: [VariantStepResultResponse] }) variants!: VariantStepResultResponse[];
  @ApiProperty({ type: [ComparisonResponse] }) comparisons!: ComparisonResponse[];
}

class VerdictResultResponse implements VerdictResult {
  @ApiProperty({ enum: VERDICT_STATUSES }) status!: VerdictStatus;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) variantKey?: string | null;
  @ApiProperty() final!: boolean;
}

class SrmResponse {
  @ApiProperty() pValue!: number;
  @ApiProperty() flagged!: boolean;
}

class ProgressResponse {
  @ApiProperty() fraction!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'variant key → units' })
  unitsPerVariant!: Record<string, number>;
  @ApiProperty({ type: 'integer' }) plannedSampleSize!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expectedDate!: string | null;
}

class AudienceResponse {
  @ApiProperty() cohortKey!: string;
  @ApiProperty({ type: 'integer' }) units!: number;
  @ApiProperty({ type: 'integer' }) outsideUnits!: number;
}

export class ResultsResponse implements Results {
  @ApiProperty({ format: 'uuid' }) analysisId!: string;
  @ApiProperty() experimentKey!: string;
  @ApiProperty({ format: 'date-time' }) ranAt!: string;
  @ApiProperty({ enum: ANALYSIS_TRIGGERS }) trigger!: AnalysisTrigger;
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs!: number;
  @ApiProperty({ description: 'Run after the verdict was final' }) postDecision!: boolean;
  @ApiProperty({ type: SrmResponse }) srm!: SrmResponse;
  @ApiProperty({ type: ProgressResponse }) progress!: ProgressResponse;
  @ApiProperty({ type: VerdictResultResponse }) verdict!: VerdictResultResponse;
  @ApiProperty({ type: [StepResultResponse] }) steps!: StepResultResponse[];
  @ApiPropertyOptional({ type: AudienceResponse, nullable: true, description: "The hypothesis version's audience: the steps count its units only" })
  audience?: AudienceResponse | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '`?cohort=KEY`: the steps are that cohort’s (the verdict stays the experiment’s)' })
  cohortKey?: string | null;
  @ApiPropertyOptional({ type: [ExpectationResultResponse] }) expectations?: ExpectationResultResponse[];
}

export class AnalysisRecordResponse implements AnalysisRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() experimentKey!: string;
  @ApiProperty({ format: 'date-time' }) ranAt!: string;
  @ApiProperty({ enum: ANALYSIS_TRIGGERS }) trigger!: AnalysisTrigger;
  @ApiProperty({ enum: ANALYSIS_RECORD_STATUSES }) status!: AnalysisRecord['status'];
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs!: number;
  @ApiProperty({ type: VerdictResultResponse, nullable: true }) verdict!: VerdictResultResponse | null;
  @ApiProperty({ type: ResultsResponse, nullable: true }) results!: ResultsResponse | null;
}
