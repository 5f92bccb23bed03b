import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CohortExpectation, Direction } from '@verdict/shared';
import { HypothesisEntity } from './hypothesis.entity';

/** One version of a hypothesis' testable fields; never changed once written. */
@Entity('hypothesis_versions')
@Index('UQ_hypothesis_versions_hypothesis_version', ['hypothesisId', 'version'], { unique: true })
export class HypothesisVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'hypothesis_id', type: 'uuid' })
  hypothesisId!: string;

  @ManyToOne(() => HypothesisEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hypothesis_id' })
  hypothesis?: HypothesisEntity;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  statement!: string;

  @Column({ name: 'primary_step_key', type: 'varchar', length: 100 })
  primaryStepKey!: string;

  @Column({ name: 'expected_direction', type: 'varchar', length: 8 })
  expectedDirection!: Direction;

  @Column({ name: 'minimum_effect', type: 'double precision' })
  minimumEffect!: number;

  @Column({ name: 'cohort_key', type: 'varchar', length: 100, nullable: true })
  cohortKey!: string | null;

  @Column({ name: 'guardrail_step_keys', type: 'jsonb', default: () => "'[]'" })
  guardrailStepKeys!: string[];

  /** Pre-registered expectations per cohort (at most 10), each judged by its own test. */
  @Column({ name: 'cohort_expectations', type: 'jsonb', default: () => "'[]'" })
  cohortExpectations!: CohortExpectation[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
