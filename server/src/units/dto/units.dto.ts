import { ApiProperty } from '@nestjs/swagger';
import type { UnitAttributes, UnitsRequest, UnitsResponse } from '@verdict/shared';
import { MAX_BATCH_ITEMS, MAX_ID_LENGTH } from '../../common/limits';

// OpenAPI descriptions of POST /units; the body is checked by hand (units.controller.ts).
export class UnitAttributesDto implements UnitAttributes {
  @ApiProperty({ minLength: 1, maxLength: MAX_ID_LENGTH }) unitId!: string;
  @ApiProperty({ type: Object, description: 'Replace the previous attributes whole', example: { plan: 'pro', role: 'admin', seats: 12 } })
  attributes!: Record<string, unknown>;
}

export class UnitsRequestDto implements UnitsRequest {
  @ApiProperty({ type: [UnitAttributesDto], minItems: 1, maxItems: MAX_BATCH_ITEMS }) units!: UnitAttributesDto[];
}

export class UnitsResponseDto implements UnitsResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) accepted!: number;
}
