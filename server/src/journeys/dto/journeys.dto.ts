import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { JourneyExpectationInput, JourneyExpectationsRequest } from '@verdict/shared';

/** Most days an insight looks back, and most expectations a flow holds. */
export const MAX_INSIGHT_DAYS = 365;
export const MAX_EXPECTATIONS = 100;
export const MAX_WINDOW_DAYS = 90;

export class InsightsQueryDto {
  @ApiProperty({ description: 'The outcome step (e.g. the business outcome)', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  outcome!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_INSIGHT_DAYS, default: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INSIGHT_DAYS)
  days: number = 90;

  @ApiPropertyOptional({ description: 'Only units in this cohort by their current attributes', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  cohort?: string;
}

export class JourneyExpectationDto implements JourneyExpectationInput {
  @ApiProperty({ maxLength: 100, example: 'admins' })
  @IsString()
  @Matches(/^\S+$/, { message: 'cohortKey must be a cohort key' })
  @MaxLength(100)
  cohortKey!: string;

  @ApiProperty({ maxLength: 100, example: 'weekly-review' })
  @IsString()
  @Matches(/^\S+$/, { message: 'stepKey must be a step key' })
  @MaxLength(100)
  stepKey!: string;

  // 1 itself is refused by the service (class-validator has no exclusive maximum).
  @ApiProperty({ description: 'Strictly between 0 and 1', example: 0.6 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive({ message: 'must lie strictly between 0 and 1' })
  @Max(1, { message: 'must lie strictly between 0 and 1' })
  expectedRate!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_WINDOW_DAYS, example: 7 })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  windowDays!: number;
}

export class JourneyExpectationsRequestDto implements JourneyExpectationsRequest {
  @ApiProperty({ type: [JourneyExpectationDto], maxItems: MAX_EXPECTATIONS })
  @IsArray()
  @ArrayMaxSize(MAX_EXPECTATIONS)
  @ValidateNested({ each: true })
  @Type(() => JourneyExpectationDto)
  expectations!: JourneyExpectationDto[];
}
