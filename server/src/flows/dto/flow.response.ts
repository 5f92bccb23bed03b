import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STEP_KINDS } from '@verdict/shared';
import type { Flow, FlowStep, Milestone, StepKind } from '@verdict/shared';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

class MilestoneResponse implements Milestone {
  @ApiProperty({ type: 'integer' }) withinDays!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Count and relative milestones' }) minEvents?: number;
  @ApiPropertyOptional({ description: 'Relative milestones' }) perAttribute?: string;
  @ApiPropertyOptional({ type: [String], description: 'Composite milestones' }) anyOf?: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'Composite milestones' }) atLeast?: number;
}

class FlowStepResponse implements FlowStep {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STEP_KINDS }) kind!: StepKind;
  @ApiPropertyOptional() terminal?: boolean;
  @ApiPropertyOptional({ type: MilestoneResponse, nullable: true }) milestone?: MilestoneResponse | null;
}

export class FlowResponse implements Flow {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: [FlowStepResponse] }) steps!: FlowStepResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
