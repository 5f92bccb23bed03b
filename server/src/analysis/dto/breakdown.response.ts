import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { COHORT_KINDS, OUTSIDE_AUDIENCE } from '@verdict/shared';
import type {
  Breakdown,
  BreakdownComparison,
  BreakdownRow,
  BreakdownRowKind,
  BreakdownStep,
  DifferentialImpact,
} from '@verdict/shared';
import { VariantStepResultResponse } from './analysis.response';
import { ExpectationResultResponse } from './expectation.response';

// Response descriptions of the breakdown for the OpenAPI document; the shared types keep them honest.

const INTERVAL: ApiPropertyOptions = { type: [Number], minItems: 2, maxItems: 2, description: '[lower, upper]' };
const UNITS_PER_VARIANT: ApiPropertyOptions = { type: 'object', additionalProperties: { type: 'integer' }, description: 'variant key → units' };

class DifferentialImpactResponse implements DifferentialImpact {
  @ApiProperty({ description: 'Absolute lift inside the row minus the lift outside it' }) difference!: number;
  @ApiProperty() z!: number;
  @ApiProperty() pValue!: number;
  @ApiProperty({ description: 'Holm over the rows of this step and treatment' }) adjustedPValue!: number;
  @ApiProperty() flagged!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'One sentence when flagged' }) summary!: string | null;
}

class BreakdownComparisonResponse implements BreakdownComparison {
  @ApiProperty() variantKey!: string;
  @ApiProperty() absoluteLift!: number;
  @ApiProperty({ type: Number, nullable: true }) relativeLift!: number | null;
  @ApiProperty(INTERVAL) ciAbsolute!: [number, number];
  @ApiProperty({ ...INTERVAL, nullable: true }) ciRelative!: [number, number] | null;
  @ApiProperty({ description: 'Fixed-horizon, two-sided' }) pValue!: number;
  @ApiProperty({ description: "Holm over the step's rows × treatments" }) adjustedPValue!: number;
  @ApiProperty({ type: DifferentialImpactResponse }) differentialImpact!: DifferentialImpactResponse;
}

class BreakdownStepResponse implements BreakdownStep {
  @ApiProperty() stepKey!: string;
  @ApiProperty({ type: [VariantStepResultResponse] }) variants!: VariantStepResultResponse[];
  @ApiProperty({ type: [BreakdownComparisonResponse] }) comparisons!: BreakdownComparisonResponse[];
}

class BreakdownRowResponse implements BreakdownRow {
  @ApiPropertyOptional({ description: `Cohort rows: the cohort's key, or ${OUTSIDE_AUDIENCE}` }) cohortKey?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ enum: [...COHORT_KINDS, OUTSIDE_AUDIENCE] }) kind?: BreakdownRowKind;
  @ApiPropertyOptional({ description: 'Attribute rows: the attribute' }) attribute?: string;
  @ApiPropertyOptional({ description: "Attribute rows: the attribute's value" }) value?: string;
  @ApiProperty(UNITS_PER_VARIANT) unitsPerVariant!: Record<string, number>;
  @ApiProperty({ type: [BreakdownStepResponse] }) steps!: BreakdownStepResponse[];
}

export class BreakdownResponse implements Breakdown {
  @ApiProperty({ format: 'uuid' }) analysisId!: string;
  @ApiProperty({ format: 'date-time' }) ranAt!: string;
  @ApiProperty({ type: String, nullable: true }) audienceCohortKey!: string | null;
  @ApiProperty({ type: [BreakdownRowResponse], description: 'Exploratory: never changes the verdict' }) cohorts!: BreakdownRowResponse[];
  @ApiProperty({ type: [ExpectationResultResponse] }) expectations!: ExpectationResultResponse[];
}
