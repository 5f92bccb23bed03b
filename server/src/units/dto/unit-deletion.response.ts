import { ApiProperty } from '@nestjs/swagger';
import type { UnitDeletion } from '@verdict/shared';

// The response description for the OpenAPI document; the shared type keeps it honest.
export class UnitDeletionResponse implements UnitDeletion {
  @ApiProperty({ type: 'integer', minimum: 0 }) assignments!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) exposures!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) events!: number;
}
