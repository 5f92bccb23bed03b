import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CohortKind, CohortRule } from '@verdict/shared';

@Entity('cohorts')
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: CohortKind;

  /** All must hold (AND). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  rules!: CohortRule[];

  /** Explicit unit ids (focus groups). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  members!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
