import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { UnitAttributes } from '@verdict/shared';
import { InjectPool } from '../database/database.module';

/**
 * Replaces the attributes of many units at once. A unit named twice in one batch keeps the
 * later attributes (latest wins); rows are written in unit order so that two overlapping
 * batches cannot deadlock; unchanged attributes leave the row alone.
 */
export const UPSERT_UNITS_SQL = `
INSERT INTO units (unit_id, attributes, updated_at)
SELECT DISTINCT ON (t.unit_id) t.unit_id, t.attributes, now()
  FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS t(unit_id, attributes, n)
 ORDER BY t.unit_id, t.n DESC
ON CONFLICT (unit_id) DO UPDATE SET attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
 WHERE units.attributes IS DISTINCT FROM EXCLUDED.attributes`;

@Injectable()
export class UnitsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async upsert(units: readonly UnitAttributes[]): Promise<void> {
    if (units.length === 0) return;
    await this.pool.query({
      name: 'units-upsert',
      text: UPSERT_UNITS_SQL,
      values: [units.map((u) => u.unitId), units.map((u) => JSON.stringify(u.attributes))],
    });
  }
}
