import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ENV, Env } from '../config/env';
import {
  DeliverWebhookJobData,
  JOB_DELIVER_WEBHOOK,
  JOB_SWEEP_WEBHOOK_OUTBOX,
  WEBHOOK_BACKOFF,
  WEBHOOK_QUEUE,
  WEBHOOK_SWEEP_SCHEDULER,
} from '../jobs/queue.constants';
import { MAX_ATTEMPTS } from './webhook-retry';

/** How often the sweeper looks for outbox events that never reached the queue. */
export const SWEEP_EVERY_MS = 30_000;

/** The producer side of the webhook queue: one job per (event, subscription). */
@Injectable()
export class WebhookQueueService implements OnApplicationShutdown {
  readonly queue: Queue;

  constructor(@Inject(ENV) env: Env) {
    this.queue = new Queue(WEBHOOK_QUEUE, {
      connection: { url: env.redisUrl, maxRetriesPerRequest: null },
      defaultJobOptions: {
        attempts: MAX_ATTEMPTS,
        backoff: { type: WEBHOOK_BACKOFF },
        // Kept a day, so an event put on the queue twice (sweeper and listener racing) is deduplicated by its job id.
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  /** The job id names the pair, so enqueuing the same delivery twice keeps one job. */
  async enqueueDeliveries(eventId: string, subscriptionIds: string[]): Promise<void> {
    if (subscriptionIds.length === 0) return;
    await this.queue.addBulk(
      subscriptionIds.map((subscriptionId) => ({
        name: JOB_DELIVER_WEBHOOK,
        data: { eventId, subscriptionId } satisfies DeliverWebhookJobData,
        opts: { jobId: `${eventId}_${subscriptionId}` },
      })),
    );
  }

  async scheduleSweep(): Promise<void> {
    await this.queue.upsertJobScheduler(
      WEBHOOK_SWEEP_SCHEDULER,
      { every: SWEEP_EVERY_MS },
      { name: JOB_SWEEP_WEBHOOK_OUTBOX, data: {}, opts: { attempts: 1 } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
