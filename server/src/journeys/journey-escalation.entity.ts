import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EscalationStatus } from '@verdict/shared';
import { CohortEntity } from '../cohorts/cohort.entity';
import { FlowEntity } from '../flows/flow.entity';

/** A cohort's journey found below its expectation; open until a check finds it recovered. */
@Entity('journey_escalations')
@Index('UQ_journey_escalations_one_open', ['flowId', 'cohortId', 'stepKey'], { unique: true, where: `"status" = 'open'` })
export class JourneyEscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId!: string;

  @ManyToOne(() => FlowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flow_id' })
  flow?: FlowEntity;

  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId!: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity;

  @Column({ name: 'step_key', type: 'text' })
  stepKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: EscalationStatus;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
