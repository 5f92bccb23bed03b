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
import { EXPERIMENT_DEFAULTS } from '@verdict/shared';
import type { AnalysisMethod, ExperimentStatus, VarianceReductionMethod } from '@verdict/shared';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisEntity } from '../hypotheses/hypothesis.entity';

export interface StoredVariant {
  key: string;
  name: string | null;
  weight: number;
  control: boolean;
}

/**
 * An experiment testing one version of a hypothesis. `flowId` is the hypothesis' flow, copied
 * here so that assignment, events and analysis reach the flow without a second join.
 * The partial unique index makes "at most one active (running or paused) experiment per
 * hypothesis" hold even under concurrent starts.
 */
@Entity('experiments')
@Index('UQ_experiments_one_active_per_hypothesis', ['hypothesisId'], {
  unique: true,
  where: `"status" IN ('running', 'paused')`,
})
@Index('IDX_experiments_status', ['status'])
export class ExperimentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('IDX_experiments_hypothesis_id')
  @Column({ name: 'hypothesis_id', type: 'uuid' })
  hypothesisId!: string;

  @ManyToOne(() => HypothesisEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hypothesis_id' })
  hypothesis?: HypothesisEntity;

  @Column({ name: 'hypothesis_version', type: 'int' })
  hypothesisVersion!: number;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId!: string;

  @ManyToOne(() => FlowEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'flow_id' })
  flow?: FlowEntity;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: ExperimentStatus;

  /** In their fixed order; exactly one has `control: true`. */
  @Column({ type: 'jsonb' })
  variants!: StoredVariant[];

  @Column({ type: 'double precision', default: 1 })
  coverage!: number;

  @Column({ type: 'varchar', length: 200 })
  seed!: string;

  @Column({ name: 'target_cohort_keys', type: 'jsonb', default: () => "'[]'" })
  targetCohortKeys!: string[];

  @Column({ type: 'double precision', default: EXPERIMENT_DEFAULTS.alpha })
  alpha!: number;

  @Column({ type: 'double precision', default: EXPERIMENT_DEFAULTS.power })
  power!: number;

  @Column({ type: 'varchar', length: 16, default: EXPERIMENT_DEFAULTS.method })
  method!: AnalysisMethod;

  @Column({ name: 'baseline_rate', type: 'double precision' })
  baselineRate!: number;

  @Column({ name: 'planned_sample_size', type: 'int' })
  plannedSampleSize!: number;

  /** The plan without variance reduction (shown beside the plan). */
  @Column({ name: 'planned_sample_size_without', type: 'int' })
  plannedSampleSizeWithout!: number;

  @Column({ name: 'variance_reduction_method', type: 'varchar', length: 16, default: EXPERIMENT_DEFAULTS.varianceReduction.method })
  varianceReductionMethod!: VarianceReductionMethod;

  /** CUPED's lookback L: the covariate is activity in [assignedAt − L days, assignedAt). */
  @Column({ name: 'lookback_days', type: 'int', default: EXPERIMENT_DEFAULTS.varianceReduction.lookbackDays })
  lookbackDays!: number;

  /** Estimated from the flow's history when the plan was made (0 without CUPED or history). */
  @Column({ name: 'expected_variance_reduction', type: 'double precision', default: 0 })
  expectedVarianceReduction!: number;

  @Column({ name: 'analysis_interval_minutes', type: 'int', default: EXPERIMENT_DEFAULTS.analysisIntervalMinutes })
  analysisIntervalMinutes!: number;

  /** unit id → variant key (QA); forced units are excluded from the analysis. */
  @Column({ name: 'forced_variants', type: 'jsonb', default: () => "'{}'" })
  forcedVariants!: Record<string, string>;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ name: 'stopped_by', type: 'varchar', length: 200, nullable: true })
  stoppedBy!: string | null;

  @Column({ name: 'stop_reason', type: 'text', nullable: true })
  stopReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
