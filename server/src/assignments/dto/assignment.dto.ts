import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_REASONS } from '@verdict/shared';
import type { AssignmentReason } from '@verdict/shared';
import { MAX_BATCH_ITEMS, MAX_ID_LENGTH } from '../../common/limits';

/** A non-empty id of at most 200 characters, as `idProblem` checks it. */
const ID = { minLength: 1, maxLength: MAX_ID_LENGTH };

// OpenAPI descriptions only: these routes validate by hand (see assign.route.ts and assignments.controller.ts).

export class AssignmentRequestDto {
  @ApiProperty({ ...ID, example: 'checkout-v2' })
  experimentKey!: string;

  @ApiProperty({ ...ID, example: 'customer-8841' })
  unitId!: string;

  @ApiPropertyOptional({ type: Object, example: { plan: 'pro', employees: 40, country: 'FR' } })
  attributes?: Record<string, unknown>;
}

export class AssignmentResponseDto {
  @ApiProperty() experimentKey!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() inExperiment!: boolean;
  @ApiProperty({ nullable: true, type: String }) variantKey!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) assignedAt!: string | null;
  @ApiProperty({ enum: ASSIGNMENT_REASONS })
  reason!: AssignmentReason;
}

export class ExposureDto {
  @ApiProperty(ID) experimentKey!: string;
  @ApiProperty(ID) unitId!: string;
  @ApiProperty(ID) variantKey!: string;
  @ApiPropertyOptional({ type: Object }) attributes?: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the SDK assigned the unit (at most 30 days back).' })
  assignedAt?: string;
}

export class ExposuresRequestDto {
  @ApiProperty({ type: [ExposureDto], minItems: 1, maxItems: MAX_BATCH_ITEMS })
  exposures!: ExposureDto[];
}

class RejectedExposureDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) index!: number;
  @ApiProperty() reason!: string;
}

export class ExposuresResponseDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) accepted!: number;
  @ApiProperty({ type: [RejectedExposureDto] }) rejected!: RejectedExposureDto[];
}
