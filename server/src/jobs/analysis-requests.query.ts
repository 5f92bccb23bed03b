import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';
import type { AnalysisTriggerKind } from './queue.constants';

export interface AnalysisRequest {
  jobId: string;
  experimentId: string;
  trigger: AnalysisTriggerKind;
}

const RECORD_SQL = 'INSERT INTO analysis_requests (job_id, experiment_id, trigger) VALUES ($1, $2, $3)';

const EXPERIMENT_OF_SQL = 'SELECT experiment_id FROM analysis_requests WHERE job_id = $1';

const FORGET_SQL = `
DELETE FROM analysis_requests r
 WHERE r.requested_at < now() - make_interval(days => $1)
    OR EXISTS (SELECT 1 FROM analyses a WHERE a.job_id = r.job_id AND a.status = 'succeeded')`;

const PENDING_SQL = `
SELECT job_id AS "jobId", experiment_id AS "experimentId", trigger
  FROM analysis_requests
 ORDER BY requested_at`;

/** The one-off analysis runs, recorded in PostgreSQL so that a Redis that lost them can get them back. */
@Injectable()
export class AnalysisRequestsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async record(request: AnalysisRequest): Promise<void> {
    await this.pool.query(RECORD_SQL, [request.jobId, request.experimentId, request.trigger]);
  }

  /** The experiment of a recorded run, or null. */
  async experimentOf(jobId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ experiment_id: string }>(EXPERIMENT_OF_SQL, [jobId]);
    return rows[0]?.experiment_id ?? null;
  }

  /** Forgets the runs that succeeded or are older than `keptDays`. */
  async forgetDone(keptDays: number): Promise<void> {
    await this.pool.query(FORGET_SQL, [keptDays]);
  }

  /** Every recorded run not forgotten, oldest first. */
  async pending(): Promise<AnalysisRequest[]> {
    const { rows } = await this.pool.query<AnalysisRequest>(PENDING_SQL);
    return rows;
  }
}
