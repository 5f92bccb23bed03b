import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { historyVarianceReduction } from '@verdict/shared';

export interface FlowHistoryInput {
  flowId: string;
  stepKey: string;
  lookbackDays: number;
  now: Date;
}

/**
 * What CUPED can be expected to remove on a step, from the flow's own recent events: over the
 * units active in the flow in the last 2L days, the squared correlation between reaching the
 * step (an aligned event) in [now − 2L, now − L) and in [now − L, now) — the roles the
 * pre-period covariate and the outcome play in an experiment. Only four counts leave
 * PostgreSQL. No history: 0.
 */
@Injectable()
export class FlowHistoryQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async expectedVarianceReduction(input: FlowHistoryInput): Promise<number> {
    const [row]: Record<string, string>[] = await this.dataSource.query(
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE earlier) AS sum_a,
              count(*) FILTER (WHERE later) AS sum_b,
              count(*) FILTER (WHERE earlier AND later) AS sum_ab
       FROM (
         SELECT e.unit_id,
                bool_or(e.step_key = $2 AND e.outcome = 'aligned' AND e.occurred_at < $3::timestamptz - make_interval(days => $4::int)) AS earlier,
                bool_or(e.step_key = $2 AND e.outcome = 'aligned' AND e.occurred_at >= $3::timestamptz - make_interval(days => $4::int)) AS later
         FROM step_events e
         WHERE e.flow_key = (SELECT f.key FROM flows f WHERE f.id = $1)
           AND e.occurred_at >= $3::timestamptz - make_interval(days => 2 * $4::int) AND e.occurred_at < $3
         GROUP BY e.unit_id
       ) units`,
      [input.flowId, input.stepKey, input.now, input.lookbackDays],
    );
    return historyVarianceReduction({
      n: Number(row.n),
      sumA: Number(row.sum_a),
      sumB: Number(row.sum_b),
      sumAB: Number(row.sum_ab),
    });
  }
}
