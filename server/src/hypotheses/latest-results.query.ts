import { Injectable } from '@nestjs/common';
import { latestResultFrom, type Direction, type LatestResult, type Results } from '@verdict/shared';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';

interface Row {
  hypothesisId: string;
  primaryStepKey: string;
  direction: Direction;
  results: Results;
}

/**
 * The board's "current lift" per hypothesis: the primary step (of the version it tested) in the
 * latest successful analysis of the hypothesis' most recently started experiment. One query for
 * a page of hypotheses; it reads the analyses table directly, so the hypotheses module needs
 * nothing from the analysis module (which depends on it).
 */
@Injectable()
export class LatestResultsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async forHypotheses(hypothesisIds: string[]): Promise<Map<string, LatestResult | null>> {
    const latest = new Map<string, LatestResult | null>(hypothesisIds.map((id) => [id, null]));
    if (hypothesisIds.length === 0) return latest;
    const { rows } = await this.pool.query<Row>(
      `SELECT DISTINCT ON (x.hypothesis_id)
              x.hypothesis_id AS "hypothesisId", v.primary_step_key AS "primaryStepKey",
              v.expected_direction AS "direction", a.results
       FROM experiments x
       JOIN hypothesis_versions v ON v.hypothesis_id = x.hypothesis_id AND v.version = x.hypothesis_version
       JOIN LATERAL (
         SELECT results FROM analyses
         WHERE experiment_id = x.id AND status = 'succeeded'
         ORDER BY ran_at DESC LIMIT 1
       ) a ON true
       WHERE x.hypothesis_id = ANY($1::uuid[]) AND x.started_at IS NOT NULL
       ORDER BY x.hypothesis_id, x.started_at DESC`,
      [hypothesisIds],
    );
    for (const row of rows) {
      latest.set(row.hypothesisId, latestResultFrom(row.results, row.primaryStepKey, row.direction));
    }
    return latest;
  }
}
