import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_REASONS } from '@verdict/shared';
import type { AssignmentReason } from '@verdict/shared';

// OpenAPI descriptions only: these routes validate by hand (see assign.route.ts and assignments.controller.ts).

export class AssignmentRequestDto {
  @ApiProperty({ example: 'checkout-v2' })
  experimentKey!: string;

  @ApiProperty({ example: 'customer-8841', maxLength: 200 })
  unitId!: string;

  @ApiPropertyOptional({ example: { plan: 'pro', employees: 40, country: 'FR' } })
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
  @ApiProperty() experimentKey!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() variantKey!: string;
  @ApiPropertyOptional() attributes?: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the SDK assigned the unit (at most 30 days back).' })
  assignedAt?: string;
}

export class ExposuresRequestDto {
  @ApiProperty({ type: [ExposureDto], minItems: 1, maxItems: 1000 })
  exposures!: ExposureDto[];
}

class RejectedExposureDto {
  @ApiProperty() index!: number;
  @ApiProperty() reason!: string;
}

export class ExposuresResponseDto {
  @ApiProperty() accepted!: number;
  @ApiProperty({ type: [RejectedExposureDto] }) rejected!: RejectedExposureDto[];
}
