import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AnalysisRecordStatus, StoredBreakdown, AnalysisTrigger, Results, SequentialState, VerdictStatus } from '@verdict/shared';
import { ExperimentEntity } from '../experiments/experiment.entity';

/**
 * One run of an experiment's analysis, kept forever, failed runs included. Written once, in
 * one transaction at the end of the run and keyed by the queue job id, so that a run killed
 * mid-way and retried leaves exactly one row.
 */
@Entity('analyses')
@Index('IDX_analyses_experiment_ran_at', ['experimentId', 'ranAt'])
export class AnalysisEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'experiment_id', type: 'uuid' })
  experimentId!: string;

  @ManyToOne(() => ExperimentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: ExperimentEntity;

  @Column({ name: 'job_id', type: 'varchar', length: 200, unique: true })
  jobId!: string;

  @Column({ type: 'varchar', length: 16 })
  trigger!: AnalysisTrigger;

  @Column({ type: 'varchar', length: 16 })
  status!: AnalysisRecordStatus;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Attempts the queue made for this job, the recorded one included. */
  @Column({ type: 'int', default: 1 })
  attempts!: number;

  @Column({ name: 'ran_at', type: 'timestamptz' })
  ranAt!: Date;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs!: number;

  @Column({ name: 'verdict_status', type: 'varchar', length: 16, nullable: true })
  verdictStatus!: VerdictStatus | null;

  /** A final verdict (not running/blocked) was reached by this run or an earlier one. */
  @Column({ name: 'verdict_final', type: 'boolean', default: false })
  verdictFinal!: boolean;

  /** Run after the experiment's verdict was final: recorded, but it changes nothing. */
  @Column({ name: 'post_decision', type: 'boolean', default: false })
  postDecision!: boolean;

  @Column({ type: 'jsonb', nullable: true })
  results!: Results | null;

  /** What the next analysis needs from this one: every sequential look so far, the running mSPRT p. */
  @Column({ name: 'sequential_state', type: 'jsonb', nullable: true })
  sequentialState!: SequentialState | null;

  /** The cohort breakdown and the cohort expectations of this run (docs/analysis.md, "Cohort learning"). */
  @Column({ type: 'jsonb', nullable: true })
  breakdown!: StoredBreakdown | null;
}
