import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ExpectationDirection, ExpectationStatus } from '@verdict/shared';
import { HypothesisEntity } from './hypothesis.entity';

/** The history of the cohort expectations: each change of one expectation's status, by an analysis. Append-only. */
@Entity('hypothesis_expectation_changes')
@Index('IDX_hypothesis_expectation_changes_hypothesis_at', ['hypothesisId', 'at'])
export class HypothesisExpectationChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'hypothesis_id', type: 'uuid' })
  hypothesisId!: string;

  @ManyToOne(() => HypothesisEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hypothesis_id' })
  hypothesis?: HypothesisEntity;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'cohort_key', type: 'varchar', length: 100 })
  cohortKey!: string;

  @Column({ name: 'step_key', type: 'varchar', length: 100 })
  stepKey!: string;

  @Column({ type: 'varchar', length: 8 })
  direction!: ExpectationDirection;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: ExpectationStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: ExpectationStatus;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'analysis_id', type: 'uuid' })
  analysisId!: string;

  @Column({ name: 'experiment_key', type: 'varchar', length: 100 })
  experimentKey!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
