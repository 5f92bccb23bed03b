import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';

/** An event that passed validation, as stored. */
export interface NewStepEvent {
  id: string;
  unitId: string;
  flowKey: string;
  stepKey: string;
  outcome: string;
  occurredAt: Date;
  /** The properties as JSON text, or null. */
  properties: string | null;
}

/** Many events in one statement; an id already stored is skipped (global dedupe). Counts the new rows. */
export const INSERT_STEP_EVENTS_SQL = `
WITH inserted AS (
  INSERT INTO step_events (id, unit_id, flow_key, step_key, outcome, occurred_at, properties)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
  ON CONFLICT (id) DO NOTHING
  RETURNING 1)
SELECT count(*)::int AS inserted FROM inserted`;

const FLOW_STEPS_SQL = 'SELECT steps FROM flows WHERE key = $1';

/** The step_events table (written) and the flows' step keys (read), with plain SQL on the pg pool. */
@Injectable()
export class EventsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Stores the events whose ids are new; returns how many it stored. */
  async insert(events: NewStepEvent[]): Promise<number> {
    const { rows } = await this.pool.query<{ inserted: number }>(INSERT_STEP_EVENTS_SQL, [
      events.map((e) => e.id),
      events.map((e) => e.unitId),
      events.map((e) => e.flowKey),
      events.map((e) => e.stepKey),
      events.map((e) => e.outcome),
      events.map((e) => e.occurredAt),
      events.map((e) => e.properties),
    ]);
    return rows[0].inserted;
  }

  /** The step keys of a flow, or null when there is no such flow. */
  async stepKeysOf(flowKey: string): Promise<Set<string> | null> {
    const { rows } = await this.pool.query<{ steps: { key: string }[] }>(FLOW_STEPS_SQL, [flowKey]);
    return rows.length ? new Set(rows[0].steps.map((step) => step.key)) : null;
  }
}
