import { Injectable } from '@nestjs/common';
import type { Direction, Results } from '@verdict/shared';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';

export interface IterationRow {
  version: number;
  statement: string;
  primaryStepKey: string;
  direction: Direction;
  experimentKey: string | null;
  analysisId: string | null;
  ranAt: Date | null;
  results: Results | null;
}

/**
 * Every version of a hypothesis with the latest successful analysis of any experiment that
 * tested it (none for a version not analysed yet), oldest version first. Plain SQL over the
 * experiments and analyses tables, as the board's latest lift does, so this module needs
 * nothing from those that depend on it.
 */
const ITERATIONS_SQL = `
SELECT v.version, v.statement, v.primary_step_key AS "primaryStepKey", v.expected_direction AS "direction",
       a.key AS "experimentKey", a.id AS "analysisId", a.ran_at AS "ranAt", a.results
  FROM hypothesis_versions v
  LEFT JOIN LATERAL (
    SELECT x.key, an.id, an.ran_at, an.results
      FROM experiments x
      JOIN analyses an ON an.experiment_id = x.id AND an.status = 'succeeded'
     WHERE x.hypothesis_id = v.hypothesis_id AND x.hypothesis_version = v.version
     ORDER BY an.ran_at DESC, an.id DESC
     LIMIT 1
  ) a ON true
 WHERE v.hypothesis_id = $1
 ORDER BY v.version`;

@Injectable()
export class HypothesisIterationsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  async forHypothesis(hypothesisId: string): Promise<IterationRow[]> {
    const { rows } = await this.pool.query<IterationRow>(ITERATIONS_SQL, [hypothesisId]);
    return rows;
  }
}
