import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { InjectPool } from '../database/database.module';

const LOCK_FLOW_SQL = 'SELECT pg_advisory_xact_lock(hashtext($1))';

const CLOSE_ORPHANED_ESCALATIONS_SQL = `
UPDATE journey_escalations x SET status = 'closed', closed_at = now()
 WHERE x.flow_id = $1 AND x.status = 'open'
   AND NOT EXISTS (SELECT 1 FROM journey_expectations e
                    WHERE e.flow_id = x.flow_id AND e.cohort_id = x.cohort_id AND e.step_key = x.step_key)`;

const FLOWS_WITH_EXPECTATIONS_SQL = `
SELECT f.key FROM flows f
 WHERE EXISTS (SELECT 1 FROM journey_expectations e WHERE e.flow_id = f.id)
 ORDER BY f.key`;

/** The journey expectations' statements that are not plain entity reads and writes. */
@Injectable()
export class ExpectationsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /**
   * Serialises the writers of one flow's expectations and escalations until the caller's
   * transaction ends: two checks at once would both see no open escalation and both open one.
   */
  async lockFlow(manager: EntityManager, flowId: string): Promise<void> {
    await manager.query(LOCK_FLOW_SQL, [`journey:${flowId}`]);
  }

  /** Closes the flow's open escalations whose expectation is gone, in the caller's transaction. */
  async closeOrphanedEscalations(manager: EntityManager, flowId: string): Promise<void> {
    await manager.query(CLOSE_ORPHANED_ESCALATIONS_SQL, [flowId]);
  }

  /** The keys of the flows that have expectations (what the daily check runs over). */
  async flowKeysWithExpectations(): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>(FLOWS_WITH_EXPECTATIONS_SQL);
    return rows.map((row) => row.key);
  }
}
