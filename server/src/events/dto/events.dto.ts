import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STEP_OUTCOMES } from '@verdict/shared';
import type { StepOutcome } from '@verdict/shared';

// OpenAPI descriptions only: events are validated one by one (see events.service.ts), so that
// one bad event is listed in `rejected` instead of failing its batch.

export class StepEventDto {
  @ApiProperty({ description: 'Client-made id; a resent id is counted as a duplicate', example: 'evt-7f3a' })
  id!: string;
  @ApiProperty({ example: 'customer-8841' }) unitId!: string;
  @ApiProperty({ example: 'onboarding' }) flowKey!: string;
  @ApiProperty({ example: 'first-invoice' }) stepKey!: string;
  @ApiProperty({ enum: STEP_OUTCOMES }) outcome!: StepOutcome;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; last 30 days to 5 minutes ahead' })
  occurredAt?: string;
  @ApiPropertyOptional() properties?: Record<string, unknown>;
}

export class EventsRequestDto {
  @ApiProperty({ type: [StepEventDto], minItems: 1, maxItems: 1000 })
  events!: StepEventDto[];
}

class RejectedEventDto {
  @ApiProperty() index!: number;
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty() reason!: string;
}

export class EventsResponseDto {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty({ type: [RejectedEventDto] }) rejected!: RejectedEventDto[];
}
