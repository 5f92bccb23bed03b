import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { STEP_KINDS } from '@verdict/shared';
import type { CreateFlowRequest, FlowStep, Milestone, StepKind, UpdateFlowRequest } from '@verdict/shared';
import { IsKey } from '../../common/keys';

/** One DTO for the three kinds of milestone; `checkFlowSteps` checks that the fields make one of them. */
export class MilestoneDto implements Milestone {
  @ApiPropertyOptional({
    example: 10,
    description: 'Count and relative milestones: aligned events needed on the step (relative: per unit of perAttribute)…',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minEvents?: number;

  @ApiProperty({ example: 90, description: '…within this many days of assignment' })
  @IsInt()
  @Min(1)
  @Max(3650)
  withinDays!: number;

  @ApiPropertyOptional({
    example: 'seats',
    description: 'Relative milestone: the assignment attribute (a number > 0) that minEvents is multiplied by',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  perAttribute?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['reports', 'alerts', 'dashboards'],
    description: 'Composite milestone: other, non-milestone steps of the flow…',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsKey({ each: true })
  anyOf?: string[];

  @ApiPropertyOptional({ example: 2, description: '…of which at least this many need an aligned event in the window' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  atLeast?: number;
}

export class FlowStepDto implements FlowStep {
  @ApiProperty({ example: 'signup' })
  @IsKey()
  key!: string;

  @ApiProperty({ example: 'Signed up' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: STEP_KINDS })
  @IsIn(STEP_KINDS)
  kind!: StepKind;

  @ApiPropertyOptional({ description: 'An end point of the flow (at most two per flow)' })
  @IsOptional()
  @IsBoolean()
  terminal?: boolean;

  @ApiPropertyOptional({ type: MilestoneDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MilestoneDto)
  milestone?: MilestoneDto | null;
}

export class UpdateFlowDto implements UpdateFlowRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [FlowStepDto], description: 'Only while no experiment uses the flow' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FlowStepDto)
  steps?: FlowStepDto[];
}

export class CreateFlowDto implements CreateFlowRequest {
  @ApiProperty({ example: 'onboarding' })
  @IsKey()
  key!: string;

  @ApiProperty({ example: 'Onboarding' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ type: [FlowStepDto], description: 'In order; the first is the trigger' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FlowStepDto)
  steps!: FlowStepDto[];
}
