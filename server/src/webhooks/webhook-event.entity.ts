import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { WebhookEvent } from '@verdict/shared';

/**
 * The outbox: one row per event, inserted in the transaction of the change that caused it, so
 * an event exists exactly when its change committed. `enqueued_at` is set once its deliveries
 * are on the queue; rows still without it are picked up by the sweeper (after a crash, say).
 */
@Entity('webhook_events')
@Index('IDX_webhook_events_pending', ['createdAt'], { where: 'enqueued_at IS NULL' })
export class WebhookEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** The body sent to JSON receivers: `{id, type, createdAt, data}`. */
  @Column({ type: 'jsonb' })
  payload!: WebhookEvent;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;
}
