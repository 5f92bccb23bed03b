import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Attributes } from '@verdict/shared';

/**
 * A unit (customer) and its current attributes: the latest ones sent with `POST /units`, an
 * assignment or an exposure replace the previous ones whole. Insights and journey health
 * read cohorts from here; experiment results keep the attributes stored with each assignment.
 */
@Entity('units')
export class UnitEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes!: Attributes;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
