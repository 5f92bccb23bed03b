import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ENV, Env } from '../config/env';
import { WEBHOOK_EVENTS_CHANNEL } from './webhook-outbox.service';
import { WebhookQueueService } from './webhook-queue.service';

const SWEEP_BATCH = 500;
const RECONNECT_MS = 2_000;

/**
 * Moves outbox events onto the queue, one job per subscription that wants the event's type.
 * Two paths: LISTEN for the commit-time notification (fast), and a sweeper at boot and every
 * 30 s that takes every event still not on the queue (after a crash between commit and
 * enqueue, or while no worker listened). Runs where the worker runs (`VERDICT_RUN_WORKER`).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private listener: Client | null = null;
  private stopped = false;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: WebhookQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.runWorker) return;
    await this.listen();
    await this.queue.scheduleSweep();
    await this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  /** Enqueues one event's deliveries and marks it enqueued. Enqueue first: a crash in between re-enqueues (deduplicated by job id), never loses. */
  async dispatch(eventId: string): Promise<void> {
    const rows: { type: string }[] = await this.dataSource.query(
      'SELECT type FROM webhook_events WHERE id = $1 AND enqueued_at IS NULL',
      [eventId],
    );
    if (rows.length === 0) return;
    const subscriptions: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM webhook_subscriptions WHERE active AND $1 = ANY(events)',
      [rows[0].type],
    );
    await this.queue.enqueueDeliveries(
      eventId,
      subscriptions.map((subscription) => subscription.id),
    );
    await this.dataSource.query('UPDATE webhook_events SET enqueued_at = now() WHERE id = $1', [eventId]);
  }

  /** Every event not yet on the queue, oldest first. Returns how many it dispatched. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.query(
        'SELECT id FROM webhook_events WHERE enqueued_at IS NULL ORDER BY created_at LIMIT $1',
        [SWEEP_BATCH],
      );
      for (const row of rows) await this.dispatch(row.id);
      total += rows.length;
      if (rows.length < SWEEP_BATCH) return total;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.env.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== WEBHOOK_EVENTS_CHANNEL || !message.payload) return;
      this.dispatch(message.payload).catch((error: Error) =>
        this.logger.error(`webhook event ${message.payload}: ${error.message} (the sweeper will retry)`),
      );
    });
    client.on('error', (error) => {
      this.logger.error(`webhook listener: ${error.message}`);
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${WEBHOOK_EVENTS_CHANNEL}`);
    this.listener = client;
  }

  /** A lost listener comes back; what was notified meanwhile is swept right after. */
  private reconnect(client: Client): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = null;
    setTimeout(() => {
      if (this.stopped) return;
      this.listen()
        .then(() => this.sweep())
        .catch((error: Error) => {
          this.logger.error(`webhook listener reconnect: ${error.message}`);
          this.listener = client;
          this.reconnect(client);
        });
    }, RECONNECT_MS).unref();
  }
}
