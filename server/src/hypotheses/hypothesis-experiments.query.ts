import { Injectable } from '@nestjs/common';
import type { ExperimentSummary } from '@verdict/shared';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { InjectPool } from '../database/database.module';

type SummaryRow = Omit<ExperimentSummary, 'startedAt' | 'stoppedAt'> & { startedAt: Date | null; stoppedAt: Date | null };

const SUMMARIES_SQL = `
SELECT id, key, name, hypothesis_id AS "hypothesisId", hypothesis_version AS "hypothesisVersion", status, method,
       started_at AS "startedAt", stopped_at AS "stoppedAt"
  FROM experiments
 WHERE hypothesis_id = $1
 ORDER BY created_at ASC`;

const COUNT_ACTIVE_SQL = `
SELECT count(*)::int AS active
  FROM experiments
 WHERE hypothesis_id = $1 AND status IN ('running', 'paused')`;

/**
 * A hypothesis' experiments, read from their table with plain SQL: the experiments module
 * depends on this one (an experiment tests a hypothesis), so this one never imports it.
 */
@Injectable()
export class HypothesisExperimentsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Every experiment of the hypothesis, oldest first. */
  async summaries(hypothesisId: string): Promise<ExperimentSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(SUMMARIES_SQL, [hypothesisId]);
    return rows.map((row) => ({
      ...row,
      startedAt: row.startedAt?.toISOString() ?? null,
      stoppedAt: row.stoppedAt?.toISOString() ?? null,
    }));
  }

  /** How many of its experiments are running or paused, in the caller's transaction. */
  async countActive(manager: EntityManager, hypothesisId: string): Promise<number> {
    const [{ active }] = await manager.query(COUNT_ACTIVE_SQL, [hypothesisId]);
    return active;
  }
}
