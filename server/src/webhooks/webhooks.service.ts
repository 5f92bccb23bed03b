import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import {
  WEBHOOK_TEST_EVENT,
  type CreatedWebhook,
  type CreateWebhookRequest,
  type Page,
  type UpdateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from '@verdict/shared';
import { InvalidFieldError, NotFoundError } from '../common/domain-error';
import { isUuid } from '../common/page-query.dto';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEventEntity } from './webhook-event.entity';
import { DeliveryResult, WebhookSender, WebhookUrlError } from './webhook-sender.service';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

/** The delivery log keeps this many attempts per webhook on the route (all are stored). */
const DELIVERIES_SHOWN = 100;

@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookSubscriptionEntity) private readonly subscriptions: Repository<WebhookSubscriptionEntity>,
    @InjectRepository(WebhookEventEntity) private readonly events: Repository<WebhookEventEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    private readonly sender: WebhookSender,
  ) {}

  async create(request: CreateWebhookRequest): Promise<CreatedWebhook> {
    await this.checkUrl(request.url);
    const secret = request.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const saved = await this.subscriptions.save(
      this.subscriptions.create({
        url: request.url,
        events: [...new Set(request.events)],
        secret,
        format: request.format ?? 'json',
        active: true,
      }),
    );
    return { ...toWebhook(saved), secret };
  }

  async list(): Promise<Page<Webhook>> {
    const rows = await this.subscriptions.find({ order: { createdAt: 'DESC', id: 'ASC' } });
    return { items: rows.map(toWebhook), total: rows.length };
  }

  async update(id: string, request: UpdateWebhookRequest): Promise<Webhook> {
    const subscription = await this.require(id);
    if (request.url !== undefined) {
      await this.checkUrl(request.url);
      subscription.url = request.url;
    }
    if (request.events !== undefined) subscription.events = [...new Set(request.events)];
    if (request.format !== undefined) subscription.format = request.format;
    if (request.active !== undefined) subscription.active = request.active;
    return toWebhook(await this.subscriptions.save(subscription));
  }

  async remove(id: string): Promise<void> {
    const subscription = await this.require(id);
    await this.subscriptions.remove(subscription);
  }

  /** The latest attempts, newest first; `total` counts every attempt stored. */
  async recentDeliveries(id: string): Promise<Page<WebhookDelivery>> {
    await this.require(id);
    const [rows, total] = await this.deliveries.findAndCount({
      where: { subscriptionId: id },
      order: { at: 'DESC', id: 'ASC' },
      take: DELIVERIES_SHOWN,
    });
    return { items: rows.map(toDelivery), total };
  }

  /** Sends a `webhook.test` event now, once, and answers with how it went (it is logged like any attempt). */
  async sendTest(id: string): Promise<WebhookDelivery> {
    const subscription = await this.require(id);
    const event: WebhookEvent = {
      id: randomUUID(),
      type: WEBHOOK_TEST_EVENT,
      createdAt: new Date().toISOString(),
      data: { webhookId: subscription.id, message: 'Test event from Verdict: this webhook works.' },
    };
    const result = await this.sender.send(subscription, event);
    return toDelivery(await this.log(subscription.id, event, 1, result));
  }

  /**
   * One attempt of a queued delivery (the processor calls it). Null when there is nothing to
   * deliver any more (the webhook or the event was deleted, or the webhook is inactive).
   */
  async deliver(eventId: string, subscriptionId: string, attempt: number): Promise<DeliveryResult | null> {
    const [event, subscription] = await Promise.all([
      this.events.findOneBy({ id: eventId }),
      this.subscriptions.findOneBy({ id: subscriptionId }),
    ]);
    if (!event || !subscription || !subscription.active) return null;
    const result = await this.sender.send(subscription, event.payload);
    await this.log(subscription.id, event.payload, attempt, result);
    return result;
  }

  private log(subscriptionId: string, event: WebhookEvent, attempt: number, result: DeliveryResult) {
    return this.deliveries.save(
      this.deliveries.create({
        subscriptionId,
        eventId: event.id,
        type: event.type,
        attempt,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        error: result.error,
        at: new Date(),
      }),
    );
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await this.sender.checkUrl(url);
    } catch (error) {
      if (error instanceof WebhookUrlError) throw new InvalidFieldError([{ field: 'url', reason: error.message }]);
      throw error;
    }
  }

  private async require(id: string): Promise<WebhookSubscriptionEntity> {
    const subscription = isUuid(id) ? await this.subscriptions.findOneBy({ id }) : null;
    if (!subscription) throw new NotFoundError('webhook', id);
    return subscription;
  }
}

function toWebhook(row: WebhookSubscriptionEntity): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    format: row.format,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

function toDelivery(row: WebhookDeliveryEntity): WebhookDelivery {
  return {
    eventId: row.eventId,
    type: row.type,
    attempt: row.attempt,
    statusCode: row.statusCode,
    durationMs: row.durationMs,
    error: row.error,
    at: row.at.toISOString(),
  };
}
