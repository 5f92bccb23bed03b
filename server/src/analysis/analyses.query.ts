import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { InjectPool } from '../database/database.module';

export interface FailedRun {
  experimentId: string;
  jobId: string;
  trigger: string;
  error: string;
  attempt: number;
  durationMs: number;
}

export interface SchedulableExperiment {
  id: string;
  interval: number;
  status: string;
  /** A final verdict was reached: no more looks. */
  decided: boolean;
}

// Held until the transaction ends (commit, rollback or a dropped connection), so a crashed worker never leaves it.
const LOCK_EXPERIMENT_SQL = 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked';

// Kept only while the job has no successful analysis; a later attempt's failure replaces it.
const RECORD_FAILURE_SQL = `
  INSERT INTO analyses (experiment_id, job_id, trigger, status, error, attempts, ran_at, duration_ms)
  SELECT $1, $2, $3, 'failed', $4, $5, now(), $6 WHERE EXISTS (SELECT 1 FROM experiments WHERE id = $1)
  ON CONFLICT (job_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts,
    ran_at = EXCLUDED.ran_at, duration_ms = EXCLUDED.duration_ms
  WHERE analyses.status = 'failed'`;

const SCHEDULABLE_EXPERIMENTS_SQL = `
  SELECT e.id, e.analysis_interval_minutes AS interval, e.status,
         EXISTS (SELECT 1 FROM analyses a WHERE a.experiment_id = e.id AND a.verdict_final) AS decided
    FROM experiments e
   WHERE e.status IN ('running', 'draft', 'paused')`;

/** The analysis runs' own statements: the per-experiment lock, failed runs, what to schedule. */
@Injectable()
export class AnalysesQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Takes the experiment's analysis lock in the caller's transaction; false when another run holds it. */
  async lockExperiment(manager: EntityManager, experimentId: string): Promise<boolean> {
    const [{ locked }] = await manager.query(LOCK_EXPERIMENT_SQL, [`verdict-analysis:${experimentId}`]);
    return locked;
  }

  /** Keeps a failed run, in the caller's transaction (its webhook event commits with it). */
  async recordFailure(manager: EntityManager, run: FailedRun): Promise<void> {
    await manager.query(RECORD_FAILURE_SQL, [run.experimentId, run.jobId, run.trigger, run.error, run.attempt, run.durationMs]);
  }

  /** Experiments that have or may get a scheduler: running, draft and paused ones. */
  async schedulableExperiments(): Promise<SchedulableExperiment[]> {
    const { rows } = await this.pool.query<SchedulableExperiment>(SCHEDULABLE_EXPERIMENTS_SQL);
    return rows;
  }
}
