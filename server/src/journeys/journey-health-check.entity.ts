import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CohortEntity } from '../cohorts/cohort.entity';
import { FlowEntity } from '../flows/flow.entity';

/** One measurement of one expectation by one health check, kept as the history. */
@Entity('journey_health_checks')
@Index('IDX_journey_health_checks_flow_checked', ['flowId', 'checkedAt'])
export class JourneyHealthCheckEntity {
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

  @Column({ name: 'expected_rate', type: 'double precision' })
  expectedRate!: number;

  @Column({ name: 'window_days', type: 'integer' })
  windowDays!: number;

  @Column({ type: 'integer' })
  units!: number;

  @Column({ type: 'integer' })
  reached!: number;

  /** Null when no unit started a window. */
  @Column({ name: 'observed_rate', type: 'double precision', nullable: true })
  observedRate!: number | null;

  @Column({ name: 'p_value', type: 'double precision', nullable: true })
  pValue!: number | null;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}
