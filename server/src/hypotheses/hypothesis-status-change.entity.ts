import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { HypothesisStatus, StatusChange } from '@verdict/shared';
import { HypothesisEntity } from './hypothesis.entity';

/** The status history: who or what changed the status, when and why. Append-only. */
@Entity('hypothesis_status_changes')
@Index('IDX_hypothesis_status_changes_hypothesis_at', ['hypothesisId', 'at'])
export class HypothesisStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'hypothesis_id', type: 'uuid' })
  hypothesisId!: string;

  @ManyToOne(() => HypothesisEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hypothesis_id' })
  hypothesis?: HypothesisEntity;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: HypothesisStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: HypothesisStatus;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  source!: StatusChange['source'];

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The analysis that decided it (no foreign key: analyses live in their own module). */
  @Column({ name: 'analysis_id', type: 'uuid', nullable: true })
  analysisId!: string | null;

  @Column({ name: 'experiment_key', type: 'varchar', length: 100, nullable: true })
  experimentKey!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
