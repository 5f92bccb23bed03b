import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StepOutcome } from '@verdict/shared';

/**
 * One aligned/deviated event of a unit at a flow step. The id is the client's and dedupes
 * globally. The covering index serves the analysis: per flow, the events of each unit at each
 * step in time order, outcome included (declared in the migration: TypeORM cannot express
 * INCLUDE, so it is told not to manage it).
 */
@Entity('step_events')
@Check('CHK_step_events_outcome', `"outcome" IN ('aligned', 'deviated')`)
@Index('IDX_step_events_flow_unit_step_occurred', { synchronize: false })
export class StepEventEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'flow_key', type: 'text' })
  flowKey!: string;

  @Column({ name: 'step_key', type: 'text' })
  stepKey!: string;

  @Column({ type: 'text' })
  outcome!: StepOutcome;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  properties!: Record<string, unknown> | null;
}
