import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ANALYSIS_METHODS, EXPERIMENT_DEFAULTS, EXPERIMENT_STATUSES, VARIANCE_REDUCTION_METHODS } from '@verdict/shared';
import type {
  AnalysisMethod,
  CreateExperimentRequest,
  ExperimentStatus,
  UpdateExperimentRequest,
  Variant,
  VarianceReductionMethod,
} from '@verdict/shared';
import { IsKey } from '../../common/keys';
import { PageQueryDto } from '../../common/page-query.dto';
import { MAX_PLANNED_SAMPLE_SIZE } from '../experiment-rules';

const NUMBER = { allowNaN: false, allowInfinity: false };

export class VariantDto implements Variant {
  @ApiProperty({ example: 'control' })
  @IsKey()
  key!: string;

  @ApiPropertyOptional({ example: 'Current signup' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ example: 0.5, description: '> 0; the weights of all variants sum to 1' })
  @IsNumber(NUMBER)
  @IsPositive()
  @Max(1)
  weight!: number;

  @ApiPropertyOptional({ description: 'Exactly one variant is the control' })
  @IsOptional()
  @IsBoolean()
  control?: boolean;
}

export class VarianceReductionDto {
  @ApiProperty({ enum: VARIANCE_REDUCTION_METHODS, example: EXPERIMENT_DEFAULTS.varianceReduction.method })
  @IsIn(VARIANCE_REDUCTION_METHODS)
  method!: VarianceReductionMethod;

  @ApiPropertyOptional({ default: EXPERIMENT_DEFAULTS.varianceReduction.lookbackDays, minimum: 1, maximum: 30, description: 'Days before assignment in which the covariate is observed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  lookbackDays?: number;
}

export class CreateExperimentDto implements CreateExperimentRequest {
  @ApiProperty({ example: 'signup-one-page' })
  @IsKey()
  key!: string;

  @ApiProperty()
  @IsUUID()
  hypothesisId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [VariantDto], description: 'In order; frozen while running' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VariantDto)
  variants!: VariantDto[];

  @ApiPropertyOptional({ example: 1, description: '0 < coverage ≤ 1; while running it may only grow' })
  @IsOptional()
  @IsNumber(NUMBER)
  @IsPositive()
  @Max(1)
  coverage?: number;

  @ApiPropertyOptional({ description: 'Defaults to the key; frozen while running' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  seed?: string;

  @ApiPropertyOptional({ type: [String], description: 'A unit is targeted when it matches any of them (empty: everyone)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  targetCohortKeys?: string[];

  @ApiPropertyOptional({ default: EXPERIMENT_DEFAULTS.alpha })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(0.0001)
  @Max(0.5)
  alpha?: number;

  @ApiPropertyOptional({ default: EXPERIMENT_DEFAULTS.power })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(0.5)
  @Max(0.9999)
  power?: number;

  @ApiPropertyOptional({ enum: ANALYSIS_METHODS, default: EXPERIMENT_DEFAULTS.method })
  @IsOptional()
  @IsIn(ANALYSIS_METHODS)
  method?: AnalysisMethod;

  @ApiProperty({ example: 0.2, description: 'Expected rate of the primary step in control, 0 < p < 1' })
  @IsNumber(NUMBER)
  @IsPositive({ message: 'must lie strictly between 0 and 1' })
  @Max(0.999999, { message: 'must lie strictly between 0 and 1' })
  baselineRate!: number;

  @ApiPropertyOptional({ default: EXPERIMENT_DEFAULTS.analysisIntervalMinutes })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  analysisIntervalMinutes?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'qa-user-1': 'treatment' },
    description: 'unit id → variant key (QA)',
  })
  @IsOptional()
  @IsObject()
  forcedVariants?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PLANNED_SAMPLE_SIZE,
    description: 'Units per variant; computed from the plan unless given (draft only)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PLANNED_SAMPLE_SIZE)
  plannedSampleSize?: number;

  @ApiPropertyOptional({
    type: VarianceReductionDto,
    description: "CUPED with the units' pre-assignment behaviour; default {method: 'cuped', lookbackDays: 14}; frozen while running",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VarianceReductionDto)
  varianceReduction?: VarianceReductionDto;
}

/** The fields PATCH may change (the experiment rules of docs/api.md decide which, by status): every create field but the key and hypothesis, optional. */
export class UpdateExperimentDto
  extends PartialType(OmitType(CreateExperimentDto, ['key', 'hypothesisId'] as const))
  implements UpdateExperimentRequest {}

export class ExperimentActionDto {
  @ApiPropertyOptional({ description: 'Why (kept with the experiment when stopping)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListExperimentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXPERIMENT_STATUSES })
  @IsOptional()
  @IsIn(EXPERIMENT_STATUSES)
  status?: ExperimentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  hypothesisId?: string;
}
