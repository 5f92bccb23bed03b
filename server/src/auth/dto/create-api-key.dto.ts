import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { API_KEY_SCOPES } from '@verdict/shared';
import type { ApiKeyScope, CreateApiKeyRequest } from '@verdict/shared';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'checkout web app' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    description:
      '`viewer` reads everything but keys and webhooks; `editor` also changes flows, cohorts, hypotheses and experiments and runs analyses; `admin` may do everything; `sdk` may only call assignments, exposures, events and sdk config',
  })
  @IsIn(API_KEY_SCOPES)
  scope!: ApiKeyScope;
}
