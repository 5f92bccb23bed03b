import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CohortEntity } from '../cohorts/cohort.entity';
import { FlowEntity } from '../flows/flow.entity';

/** What a cohort is expected to do in a flow: reach `stepKey` within `windowDays` of its trigger, at `expectedRate`. */
@Entity('journey_expectations')
@Index('UQ_journey_expectations_flow_cohort_step', ['flowId', 'cohortId', 'stepKey'], { unique: true })
export class JourneyExpectationEntity {
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

  /** The order they were given in. */
  @Column({ type: 'integer' })
  position!: number;
}
