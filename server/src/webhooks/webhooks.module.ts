import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEventEntity } from './webhook-event.entity';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhookQueueService } from './webhook-queue.service';
import { WebhookSender } from './webhook-sender.service';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks: subscriptions and their routes, the outbox that other modules write events into
 * (`WebhookOutbox`, inside their own transactions), and the dispatcher and worker that deliver
 * them (docs/api.md, "Webhooks").
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity, WebhookEventEntity, WebhookDeliveryEntity])],
  controllers: [WebhooksController],
  providers: [
    WebhookOutbox,
    WebhookQueueService,
    WebhookDispatcher,
    WebhookSender,
    WebhooksService,
    WebhookDeliveryProcessor,
  ],
  exports: [WebhookOutbox],
})
export class WebhooksModule {}
