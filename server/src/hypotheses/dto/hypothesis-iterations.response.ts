import { ApiProperty } from '@nestjs/swagger';
import { VERDICT_STATUSES } from '@verdict/shared';
import type { HypothesisIteration, HypothesisIterations, IterationLift, VerdictStatus } from '@verdict/shared';

class IterationLiftResponse implements IterationLift {
  @ApiProperty() stepKey!: string;
  @ApiProperty() variantKey!: string;
  @ApiProperty({ type: Number, nullable: true }) relativeLift!: number | null;
  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, nullable: true }) ciRelative!: [number, number] | null;
  @ApiProperty() significant!: boolean;
}

class HypothesisIterationResponse implements HypothesisIteration {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() statement!: string;
  @ApiProperty() primaryStepKey!: string;
  @ApiProperty({ type: String, nullable: true }) experimentKey!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) analysisId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ranAt!: string | null;
  @ApiProperty({ enum: VERDICT_STATUSES, nullable: true }) verdict!: VerdictStatus | null;
  @ApiProperty({ type: IterationLiftResponse, nullable: true }) primary!: IterationLiftResponse | null;
  @ApiProperty({ type: IterationLiftResponse, nullable: true, description: "The flow's business-outcome step, same treatment" })
  businessOutcome!: IterationLiftResponse | null;
}

export class HypothesisIterationsResponse implements HypothesisIterations {
  @ApiProperty({ format: 'uuid' }) hypothesisId!: string;
  @ApiProperty({ type: String, nullable: true }) businessOutcomeStepKey!: string | null;
  @ApiProperty({ type: [HypothesisIterationResponse] }) iterations!: HypothesisIterationResponse[];
}
