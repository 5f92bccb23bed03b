import { ApiProperty } from '@nestjs/swagger';
import type { Health } from '@verdict/shared';

// Response descriptions for the OpenAPI document; the shared type keeps them honest.

export class HealthResponse implements Health {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) postgres!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}
