import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CohortExpectation, Direction, Evidence, HypothesisStatus, MetricArea, VerdictStatus } from '@verdict/shared';
import { FlowEntity } from '../flows/flow.entity';

/** The verdict the analyses computed for one version. */
export interface ComputedVerdictRecord {
  version: number;
  status: VerdictStatus;
  reason: string;
  analysisId: string;
  experimentKey: string | null;
  at: string;
}

/** A person's override for one version; it wins over computed verdicts of that version. */
export interface ManualVerdictRecord {
  version: number;
  status: HypothesisStatus;
  note: string;
  actor: string;
  at: string;
}

/**
 * A hypothesis. The testable fields of its current version are kept here too (a copy of the
 * latest `hypothesis_versions` row), so that lists and filters need no join.
 */
@Entity('hypotheses')
@Index('IDX_hypotheses_status', ['status'])
export class HypothesisEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'metric_area', type: 'varchar', length: 32 })
  metricArea!: MetricArea;

  @Index('IDX_hypotheses_flow_id')
  @Column({ name: 'flow_id', type: 'uuid' })
  flowId!: string;

  @ManyToOne(() => FlowEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'flow_id' })
  flow?: FlowEntity;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: HypothesisStatus;

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

  /** The current version's cohort expectations (copied to its `hypothesis_versions` row). */
  @Column({ name: 'cohort_expectations', type: 'jsonb', default: () => "'[]'" })
  cohortExpectations!: CohortExpectation[];

  @Column({ type: 'smallint' })
  impact!: number;

  @Column({ type: 'smallint' })
  confidence!: number;

  @Column({ type: 'smallint' })
  ease!: number;

  @Column({ type: 'varchar', length: 200, default: '' })
  owner!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence!: Evidence[];

  @Column({ name: 'computed_verdict', type: 'jsonb', nullable: true })
  computedVerdict!: ComputedVerdictRecord | null;

  @Column({ name: 'manual_verdict', type: 'jsonb', nullable: true })
  manualVerdict!: ManualVerdictRecord | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
