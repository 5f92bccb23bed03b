import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ApiKeyScope, CreateApiKeyRequest } from '@verdict/shared';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'checkout web app' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ['admin', 'sdk'], description: '`sdk` may only call assignments, exposures, events and sdk config' })
  @IsIn(['admin', 'sdk'])
  scope!: ApiKeyScope;
}
