import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  WEBHOOK_EVENT_TYPES,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type WebhookEventType,
  type WebhookFormat,
} from '@verdict/shared';

const FORMATS: WebhookFormat[] = ['json', 'slack'];

export class CreateWebhookDto implements CreateWebhookRequest {
  @ApiProperty({ example: 'https://hooks.example.com/verdict', description: 'http or https' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ description: 'At least 16 characters; generated when absent. Returned this once.' })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json', description: '`slack` posts `{text, blocks}` for a Slack incoming webhook' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: WebhookFormat;
}

export class UpdateWebhookDto implements UpdateWebhookRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ enum: FORMATS })
  @IsOptional()
  @IsIn(FORMATS)
  format?: WebhookFormat;

  @ApiPropertyOptional({ description: 'An inactive webhook receives nothing new' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
