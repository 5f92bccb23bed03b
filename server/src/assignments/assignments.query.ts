import { Injectable } from '@nestjs/common';
import type { Attributes } from '@verdict/shared';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';
import type { AssignmentSource } from './assignment.entity';

export interface NewAssignment {
  experimentId: string;
  unitId: string;
  variantKey: string;
  attributes: Attributes;
  forced: boolean;
  source: AssignmentSource;
  /** Backdated first exposure (POST /exposures); now when absent. */
  assignedAt?: Date;
  /** Attributes the caller sent, which become the unit's current ones (`units`); absent: left as they are. */
  unitAttributes?: Attributes;
}

export interface AssignmentRow {
  experiment_id: string;
  unit_id: string;
  variant_key: string;
  assigned_at: Date;
}

/**
 * Many first assignments in one statement; a pair already stored is skipped and not returned.
 * The same statement makes the attributes sent with each call the unit's current ones (a sticky
 * call's too): one round trip on the hot path. A unit twice in the batch keeps its later
 * attributes; units are written in id order (no deadlock between overlapping batches), and
 * unchanged attributes leave the row alone.
 */
export const INSERT_ASSIGNMENTS_SQL = `
WITH t AS (
  SELECT *
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::text[], $7::timestamptz[], $8::jsonb[])
         WITH ORDINALITY AS t(experiment_id, unit_id, variant_key, attributes, forced, source, assigned_at, unit_attributes, n)
), current_attributes AS (
  INSERT INTO units (unit_id, attributes, updated_at)
  SELECT DISTINCT ON (unit_id) unit_id, unit_attributes, now()
    FROM t
   WHERE unit_attributes IS NOT NULL
   ORDER BY unit_id, n DESC
  ON CONFLICT (unit_id) DO UPDATE SET attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
   WHERE units.attributes IS DISTINCT FROM EXCLUDED.attributes
)
INSERT INTO assignments (experiment_id, unit_id, variant_key, attributes, forced, source, assigned_at)
SELECT t.experiment_id, t.unit_id, t.variant_key, t.attributes, t.forced, t.source, COALESCE(t.assigned_at, now())
  FROM t
ON CONFLICT (experiment_id, unit_id) DO NOTHING
RETURNING experiment_id, unit_id, variant_key, assigned_at`;

/** The stored assignments of many (experiment, unit) pairs. */
export const SELECT_ASSIGNMENTS_SQL = `
SELECT a.experiment_id, a.unit_id, a.variant_key, a.assigned_at
  FROM assignments a
  JOIN unnest($1::uuid[], $2::text[]) AS t(experiment_id, unit_id)
    ON a.experiment_id = t.experiment_id AND a.unit_id = t.unit_id`;

const SELECT_ONE_SQL = `
SELECT experiment_id, unit_id, variant_key, assigned_at
  FROM assignments
 WHERE experiment_id = $1 AND unit_id = $2`;

// Named, hence prepared once per connection: PostgreSQL parses and plans them once, not per batch.
const INSERT_STATEMENT = 'assignments-insert-batch';
const SELECT_STATEMENT = 'assignments-select-batch';

/** The assignments table, read and written with plain SQL on the pg pool (the hot path). */
@Injectable()
export class AssignmentsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Inserts the rows that have no stored assignment yet; returns those it inserted. */
  async insert(rows: NewAssignment[]): Promise<AssignmentRow[]> {
    const { rows: inserted } = await this.pool.query<AssignmentRow>({
      name: INSERT_STATEMENT,
      text: INSERT_ASSIGNMENTS_SQL,
      values: [
        rows.map((r) => r.experimentId),
        rows.map((r) => r.unitId),
        rows.map((r) => r.variantKey),
        rows.map((r) => JSON.stringify(r.attributes ?? {})),
        rows.map((r) => r.forced),
        rows.map((r) => r.source),
        rows.map((r) => r.assignedAt ?? null),
        rows.map((r) => (r.unitAttributes === undefined ? null : JSON.stringify(r.unitAttributes))),
      ],
    });
    return inserted;
  }

  /** The stored assignments of these pairs (absent pairs have none). */
  async select(pairs: { experimentId: string; unitId: string }[]): Promise<AssignmentRow[]> {
    const { rows } = await this.pool.query<AssignmentRow>({
      name: SELECT_STATEMENT,
      text: SELECT_ASSIGNMENTS_SQL,
      values: [pairs.map((p) => p.experimentId), pairs.map((p) => p.unitId)],
    });
    return rows;
  }

  async findOne(experimentId: string, unitId: string): Promise<AssignmentRow | null> {
    const { rows } = await this.pool.query<AssignmentRow>(SELECT_ONE_SQL, [experimentId, unitId]);
    return rows[0] ?? null;
  }
}
