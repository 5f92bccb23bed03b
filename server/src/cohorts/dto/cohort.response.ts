import { ApiProperty } from '@nestjs/swagger';
import type { Cohort, CohortKind, CohortRule, RuleOp } from '@verdict/shared';
import { ANY_JSON_VALUE } from '../../common/openapi';
import { COHORT_KINDS, RULE_OPS } from '@verdict/shared';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

export class CohortRuleResponse implements CohortRule {
  @ApiProperty() attribute!: string;
  @ApiProperty({ enum: RULE_OPS }) op!: RuleOp;
  @ApiProperty({ ...ANY_JSON_VALUE, description: 'Any JSON value' }) value!: unknown;
}

export class CohortResponse implements Cohort {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: COHORT_KINDS }) kind!: CohortKind;
  @ApiProperty({ type: [CohortRuleResponse] }) rules!: CohortRuleResponse[];
  @ApiProperty({ type: [String] }) members!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
