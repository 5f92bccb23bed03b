import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_SCOPES } from '@verdict/shared';
import type { ApiKey, ApiKeyScope, CreatedApiKey, Me } from '@verdict/shared';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

export class ApiKeyResponse implements ApiKey {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES }) scope!: ApiKeyScope;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastUsedAt?: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse implements CreatedApiKey {
  @ApiProperty({ description: 'The secret, shown this once' }) key!: string;
}

export class MeResponse implements Me {
  @ApiProperty({ description: "The key's name (`admin` for the admin token)" }) name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES }) scope!: ApiKeyScope;
}
