import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { ENV, Env } from '../config/env';
import {
  DeliverWebhookJobData,
  JOB_DELIVER_WEBHOOK,
  JOB_SWEEP_WEBHOOK_OUTBOX,
  WEBHOOK_BACKOFF,
  WEBHOOK_QUEUE,
} from '../jobs/queue.constants';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { retryDelayMs } from './webhook-retry';
import { WebhooksService } from './webhooks.service';

/** Deliveries wait on other people's servers, not on CPU: many at once per process. */
const WORKER_CONCURRENCY = 20;

/**
 * The consumer side of the webhook queue, started with the analysis worker (`VERDICT_RUN_WORKER`
 * or `npm run worker`): delivery jobs, retried on the schedule of `webhook-retry.ts`, and the
 * outbox sweep.
 */
@Injectable()
export class WebhookDeliveryProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);
  private worker: Worker | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly webhooks: WebhooksService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.runWorker) return;
    const scale = this.env.webhookRetryScale;
    this.worker = new Worker(WEBHOOK_QUEUE, (job) => this.process(job), {
      connection: { url: this.env.redisUrl, maxRetriesPerRequest: null },
      concurrency: WORKER_CONCURRENCY,
      settings: {
        backoffStrategy: (attemptsMade, type) => (type === WEBHOOK_BACKOFF ? retryDelayMs(attemptsMade, scale) : 0),
      },
    });
    this.worker.on('error', (error) => this.logger.error(`webhook worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job): Promise<void> {
    if (job.name === JOB_SWEEP_WEBHOOK_OUTBOX) {
      await this.dispatcher.sweep();
      return;
    }
    if (job.name !== JOB_DELIVER_WEBHOOK) return;
    const { eventId, subscriptionId } = job.data as DeliverWebhookJobData;
    const result = await this.webhooks.deliver(eventId, subscriptionId, job.attemptsMade + 1);
    // Throwing hands the job back to BullMQ, which retries it after the next delay.
    if (result && !result.ok) throw new Error(result.error ?? `HTTP ${result.statusCode}`);
  }
}
