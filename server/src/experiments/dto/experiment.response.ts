import { ApiProperty } from '@nestjs/swagger';
import type { Experiment } from '@verdict/shared';
import { ExperimentSummaryResponse } from '../../hypotheses/dto/experiment-summary.response';

// Response descriptions for the OpenAPI document; the shared types keep them honest.
// The summary lives with the hypothesis' response, which lists it (experiments import hypotheses, never the reverse).


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
