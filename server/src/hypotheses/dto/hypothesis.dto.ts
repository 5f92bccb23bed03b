import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DIRECTIONS, EVIDENCE_KINDS, EXPECTATION_DIRECTIONS, MAX_COHORT_EXPECTATIONS, HYPOTHESIS_STATUSES, METRIC_AREAS, OVERRIDE_STATUSES } from '@verdict/shared';
import type {
  CohortExpectation,
  CreateHypothesisRequest,
  ExpectationDirection,
  Direction,
  Evidence,
  EvidenceKind,
  HypothesisStatus,
  MetricArea,
  OverrideStatus,
  OverrideVerdictRequest,
  ReviseHypothesisRequest,
  UpdateHypothesisRequest,
} from '@verdict/shared';
import { PageQueryDto } from '../../common/page-query.dto';

export class EvidenceDto implements Evidence {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @ApiProperty({ example: '12 customer interviews, March' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source!: string;

  @ApiProperty({ example: '8 of 12 gave up at the address form' })
  @IsString()
  @MaxLength(5000)
  note!: string;
}

export class CohortExpectationDto implements CohortExpectation {
  @ApiProperty({ example: 'smb' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cohortKey!: string;

  @ApiProperty({ example: 'activated' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  stepKey!: string;

  @ApiProperty({ enum: EXPECTATION_DIRECTIONS, description: 'no_harm: the step must not fall in this cohort (a guardrail)' })
  @IsIn(EXPECTATION_DIRECTIONS)
  direction!: ExpectationDirection;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 0.1, description: "Relative, > 0; default: the hypothesis' (no_harm: a 10 % fall)" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(10)
  minimumEffect?: number | null;

  @ApiProperty({ example: 0.2, description: "The cohort's expected rate on the step in control, 0 < p < 1" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(0.9999)
  baselineRate!: number;
}

export class CreateHypothesisDto implements CreateHypothesisRequest {
  @ApiProperty({ example: 'Shorter signup form' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'We believe that a one-page signup for new visitors will increase activation by at least 5 %.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  statement!: string;

  @ApiProperty({ enum: METRIC_AREAS })
  @IsIn(METRIC_AREAS)
  metricArea!: MetricArea;

  @ApiProperty({ example: 'onboarding' })
  @IsString()
  @IsNotEmpty()
  flowKey!: string;

  @ApiProperty({ example: 'activated' })
  @IsString()
  @IsNotEmpty()
  primaryStepKey!: string;

  @ApiProperty({ enum: DIRECTIONS })
  @IsIn(DIRECTIONS)
  expectedDirection!: Direction;

  @ApiProperty({ example: 0.05, description: 'Relative, > 0 (0.05 = 5 %)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(10)
  minimumEffect!: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The audience cohort; null or absent: everyone' })
  @IsOptional()
  @IsString()
  cohortKey?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Steps that must not fall' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  guardrailStepKeys?: string[];

  @ApiPropertyOptional({ type: [CohortExpectationDto], maxItems: MAX_COHORT_EXPECTATIONS, description: 'Pre-registered expectations per cohort, each judged by its own test' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COHORT_EXPECTATIONS)
  @ValidateNested({ each: true })
  @Type(() => CohortExpectationDto)
  cohortExpectations?: CohortExpectationDto[];

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  impact!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  confidence!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  ease!: number;

  @ApiPropertyOptional({ example: 'maria' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}

export class UpdateHypothesisDto implements UpdateHypothesisRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  impact?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  confidence?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  ease?: number;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}

export class ReviseHypothesisDto implements ReviseHypothesisRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  statement?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  primaryStepKey?: string;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS)
  expectedDirection?: Direction;

  @ApiPropertyOptional({ example: 0.1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(10)
  minimumEffect?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes the audience cohort' })
  @IsOptional()
  @IsString()
  cohortKey?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  guardrailStepKeys?: string[];

  @ApiPropertyOptional({ type: [CohortExpectationDto], maxItems: MAX_COHORT_EXPECTATIONS, description: 'Pre-registered expectations per cohort, each judged by its own test' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COHORT_EXPECTATIONS)
  @ValidateNested({ each: true })
  @Type(() => CohortExpectationDto)
  cohortExpectations?: CohortExpectationDto[];

  @ApiPropertyOptional({ description: 'Why it was revised (kept in the status history)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class OverrideVerdictDto implements OverrideVerdictRequest {
  @ApiProperty({ enum: OVERRIDE_STATUSES })
  @IsIn(OVERRIDE_STATUSES)
  status!: OverrideStatus;

  @ApiProperty({ description: 'Why (kept in the status history)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note!: string;
}

export class ArchiveHypothesisDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class ListHypothesesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: HYPOTHESIS_STATUSES })
  @IsOptional()
  @IsIn(HYPOTHESIS_STATUSES)
  status?: HypothesisStatus;

  @ApiPropertyOptional({ enum: METRIC_AREAS })
  @IsOptional()
  @IsIn(METRIC_AREAS)
  metricArea?: MetricArea;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  flowKey?: string;
}
