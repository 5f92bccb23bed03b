import { Injectable } from '@nestjs/common';
import type { ExperimentStatus, ExperimentSummary, AnalysisMethod } from '@verdict/shared';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { InjectPool } from '../database/database.module';

interface SummaryRow {
  id: string;
  key: string;
  name: string;
  hypothesis_id: string;
  hypothesis_version: number;
  status: ExperimentStatus;
  method: AnalysisMethod;
  started_at: Date | null;
  stopped_at: Date | null;
}

const SUMMARIES_SQL = `
SELECT id, key, name, hypothesis_id, hypothesis_version, status, method, started_at, stopped_at
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
      id: row.id,
      key: row.key,
      name: row.name,
      hypothesisId: row.hypothesis_id,
      hypothesisVersion: row.hypothesis_version,
      status: row.status,
      method: row.method,
      startedAt: row.started_at?.toISOString() ?? null,
      stoppedAt: row.stopped_at?.toISOString() ?? null,
    }));
  }

  /** How many of its experiments are running or paused, in the caller's transaction. */
  async countActive(manager: EntityManager, hypothesisId: string): Promise<number> {
    const [{ active }] = await manager.query(COUNT_ACTIVE_SQL, [hypothesisId]);
    return active;
  }
}
