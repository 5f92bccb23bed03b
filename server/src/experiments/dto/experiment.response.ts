import { ApiProperty } from '@nestjs/swagger';
import { ANALYSIS_METHODS, EXPERIMENT_STATUSES } from '@verdict/shared';
import type { AnalysisMethod, Experiment, ExperimentStatus, ExperimentSummary } from '@verdict/shared';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

export class ExperimentSummaryResponse implements ExperimentSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) hypothesisId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) hypothesisVersion!: number;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status!: ExperimentStatus;
  @ApiProperty({ enum: ANALYSIS_METHODS }) method!: AnalysisMethod;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stoppedAt!: string | null;
}

class ExperimentVariantResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() weight!: number;
  @ApiProperty() control!: boolean;
}

export class ExperimentResponse extends ExperimentSummaryResponse implements Experiment {
  @ApiProperty({ type: [ExperimentVariantResponse] }) variants!: ExperimentVariantResponse[];
  @ApiProperty() coverage!: number;
  @ApiProperty() seed!: string;
  @ApiProperty({ type: [String] }) targetCohortKeys!: string[];
  @ApiProperty() alpha!: number;
  @ApiProperty() power!: number;
  @ApiProperty() baselineRate!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Units per variant' }) plannedSampleSize!: number;
  @ApiProperty({ type: 'integer', description: 'Without variance reduction' }) plannedSampleSizeWithout!: number;
  @ApiProperty() expectedVarianceReduction!: number;
  @ApiProperty({ type: Object, description: 'The variance reduction method and its settings' })
  varianceReduction!: Experiment['varianceReduction'];
  @ApiProperty({ type: 'integer', minimum: 1 }) analysisIntervalMinutes!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'unit id → variant key' })
  forcedVariants!: Record<string, string>;
  @ApiProperty() flowKey!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
