import { ApiProperty } from '@nestjs/swagger';
import { EXPERIMENT_STATUSES } from '@verdict/shared';
import type { ExperimentStatus, SdkConfig, SdkExperimentConfig } from '@verdict/shared';
import { CohortRuleResponse } from '../../cohorts/dto/cohort.response';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

class SdkVariantResponse {
  @ApiProperty() key!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() control!: boolean;
}

class SdkTargetingResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ type: [CohortRuleResponse] }) rules!: CohortRuleResponse[];
  @ApiProperty({ type: [String] }) members!: string[];
}

class SdkExperimentResponse implements SdkExperimentConfig {
  @ApiProperty() key!: string;
  @ApiProperty() seed!: string;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status!: ExperimentStatus;
  @ApiProperty({ type: [SdkVariantResponse], description: 'In order' }) variants!: SdkVariantResponse[];
  @ApiProperty() coverage!: number;
  @ApiProperty({ type: [SdkTargetingResponse], description: 'Any one cohort must match (empty: everyone)' })
  targeting!: SdkTargetingResponse[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) forcedVariants!: Record<string, string>;
}

export class SdkConfigResponse implements SdkConfig {
  @ApiProperty() version!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ description: 'Salt of the hashed unit ids' }) configSalt!: string;
  @ApiProperty({ type: 'array', items: { type: 'integer' } }) unitIdTags!: number[];
  @ApiProperty({ type: [SdkExperimentResponse] }) experiments!: SdkExperimentResponse[];
}
