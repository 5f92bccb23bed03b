import { ApiProperty } from '@nestjs/swagger';
import { ANALYSIS_METHODS, EXPERIMENT_STATUSES } from '@verdict/shared';
import type { AnalysisMethod, ExperimentStatus, ExperimentSummary } from '@verdict/shared';

// An experiment as a hypothesis lists it (and the base of the full experiment response), for
// the OpenAPI document; the shared type keeps it honest.

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
