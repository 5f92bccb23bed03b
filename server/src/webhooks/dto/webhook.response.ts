import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '@verdict/shared';
import type { CreatedWebhook, Webhook, WebhookDelivery, WebhookEventType, WebhookFormat } from '@verdict/shared';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

export class WebhookResponse implements Webhook {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: WebhookEventType[];
  @ApiProperty({ enum: ['json', 'slack'] }) format!: WebhookFormat;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedWebhookResponse extends WebhookResponse implements CreatedWebhook {
  @ApiProperty({ description: 'The signing secret, shown this once' }) secret!: string;
}

export class WebhookDeliveryResponse implements WebhookDelivery {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'The event type, or `webhook.test`' }) type!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) attempt!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null when the receiver never answered' })
  statusCode!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
