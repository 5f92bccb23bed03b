import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STEP_OUTCOMES } from '@verdict/shared';
import type { StepOutcome } from '@verdict/shared';

/** A non-empty id of at most 200 characters. */
const ID = { minLength: 1, maxLength: 200 };

// OpenAPI descriptions only: events are validated one by one (see events.service.ts), so that
// one bad event is listed in `rejected` instead of failing its batch.

export class StepEventDto {
  @ApiProperty({ ...ID, description: 'Client-made id; a resent id is counted as a duplicate', example: 'evt-7f3a' })
  id!: string;
  @ApiProperty({ ...ID, example: 'customer-8841' }) unitId!: string;
  @ApiProperty({ example: 'onboarding' }) flowKey!: string;
  @ApiProperty({ example: 'first-invoice' }) stepKey!: string;
  @ApiProperty({ enum: STEP_OUTCOMES }) outcome!: StepOutcome;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; last 30 days to 5 minutes ahead' })
  occurredAt?: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) properties?: Record<string, unknown> | null;
}

export class EventsRequestDto {
  @ApiProperty({ type: [StepEventDto], minItems: 1, maxItems: 1000 })
  events!: StepEventDto[];
}

class RejectedEventDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) index!: number;
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty() reason!: string;
}

export class EventsResponseDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) accepted!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) duplicates!: number;
  @ApiProperty({ type: [RejectedEventDto] }) rejected!: RejectedEventDto[];
}
