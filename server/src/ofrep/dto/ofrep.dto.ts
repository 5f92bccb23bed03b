import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_REASONS, OFREP_ERROR_CODES, OFREP_REASONS } from '@verdict/shared';
import type { AssignmentReason, OfrepBulkEvaluation, OfrepErrorCode, OfrepEvaluation, OfrepFailure, OfrepReason } from '@verdict/shared';

// OpenAPI descriptions only: the OFREP routes validate by hand (see ofrep.routes.ts).

export class OfrepEvaluationRequestDto {
  @ApiPropertyOptional({
    type: Object,
    description: '`targetingKey` is the unit id (required); every other field is an attribute of the unit',
    example: { targetingKey: 'customer-8841', plan: 'pro', country: 'FR' },
  })
  context?: Record<string, unknown>;
}

class OfrepMetadataDto {
  @ApiProperty() inExperiment!: boolean;
  @ApiProperty({ enum: ASSIGNMENT_REASONS, description: 'The reason POST /assignments gives' })
  assignmentReason!: AssignmentReason;
}

export class OfrepEvaluationDto implements OfrepEvaluation {
  @ApiProperty({ description: 'The experiment key' }) key!: string;
  @ApiProperty({ description: "The variant key (the control's when the unit is out of the experiment)" }) value!: string;
  @ApiProperty() variant!: string;
  @ApiProperty({ enum: OFREP_REASONS }) reason!: OfrepReason;
  @ApiProperty({ type: OfrepMetadataDto }) metadata!: OfrepMetadataDto;
}

export class OfrepBulkEvaluationDto implements OfrepBulkEvaluation {
  @ApiProperty({ type: [OfrepEvaluationDto] }) flags!: OfrepEvaluationDto[];
}

export class OfrepFailureDto implements OfrepFailure {
  @ApiPropertyOptional({ description: 'The flag (experiment) key; absent on the bulk route' }) key?: string;
  @ApiProperty({ enum: OFREP_ERROR_CODES }) errorCode!: OfrepErrorCode;
  @ApiProperty() errorDetails!: string;
}
