import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Attributes } from '@verdict/shared';
import { ExperimentEntity } from '../experiments/experiment.entity';

export type AssignmentSource = 'server' | 'sdk';

/**
 * The variant a unit got in an experiment: one row per (experiment, unit), written before the
 * assignment is acknowledged, never updated (sticky). Forced (QA) units are marked and left out
 * of the analysis.
 */
@Entity('assignments')
export class AssignmentEntity {
  @PrimaryColumn({ name: 'experiment_id', type: 'uuid' })
  experimentId!: string;

  @ManyToOne(() => ExperimentEntity)
  @JoinColumn({ name: 'experiment_id' })
  experiment?: ExperimentEntity;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'variant_key', type: 'text' })
  variantKey!: string;

  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' })
  assignedAt!: Date;

  /** The attributes sent with the first assignment (cohort breakdowns). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes!: Attributes;

  @Column({ type: 'boolean', default: false })
  forced!: boolean;

  /** `server` (POST /assignments) or `sdk` (a local evaluation reported through POST /exposures). */
  @Column({ type: 'text', default: 'server' })
  source!: AssignmentSource;
}
