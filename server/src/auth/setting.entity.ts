import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Small instance-wide settings, e.g. the hash of the generated admin token. Keyed by name, not uuid: there is one row per setting. */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
