import { ApiProperty } from '@nestjs/swagger';
import { EXPECTATION_DIRECTIONS, EXPECTATION_STATUSES } from '@verdict/shared';
import type { ExpectationDirection, ExpectationResult, ExpectationStatus } from '@verdict/shared';

export class ExpectationResultResponse implements ExpectationResult {
  @ApiProperty() cohortKey!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ enum: EXPECTATION_DIRECTIONS }) direction!: ExpectationDirection;
  @ApiProperty({ enum: EXPECTATION_STATUSES }) status!: ExpectationStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) informationFraction!: number;
  @ApiProperty({ type: 'integer', description: 'Planned units per variant inside the cohort' }) plan!: number;
}
