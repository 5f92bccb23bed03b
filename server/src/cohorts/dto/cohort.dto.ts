import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { COHORT_KINDS, RULE_OPS } from '@verdict/shared';
import type { CohortKind, CohortRule, CreateCohortRequest, RuleOp, UpdateCohortRequest } from '@verdict/shared';
import { IsKey } from '../../common/keys';
import { ANY_JSON_VALUE } from '../../common/openapi';

export class CohortRuleDto implements CohortRule {
  @ApiProperty({ example: 'companySize' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  attribute!: string;

  @ApiProperty({ enum: RULE_OPS })
  @IsIn(RULE_OPS)
  op!: RuleOp;

  @ApiProperty({
    ...ANY_JSON_VALUE,
    description: 'An array for in/nin, a number or an RFC 3339 date-time (with a time zone) for gt/gte/lt/lte',
    example: 50,
  })
  @IsDefined()
  value!: unknown;
}

export class CreateCohortDto implements CreateCohortRequest {
  @ApiProperty({ example: 'smb' })
  @IsKey()
  key!: string;

  @ApiProperty({ example: 'Small businesses' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: COHORT_KINDS })
  @IsIn(COHORT_KINDS)
  kind!: CohortKind;

  @ApiPropertyOptional({ type: [CohortRuleDto], description: 'All must hold (AND)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CohortRuleDto)
  rules?: CohortRuleDto[];

  @ApiPropertyOptional({ type: [String], description: 'Unit ids (focus groups)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  members?: string[];
}

/** PATCH: every create field but the key, optional. */
export class UpdateCohortDto
  extends PartialType(OmitType(CreateCohortDto, ['key'] as const))
  implements UpdateCohortRequest {}
