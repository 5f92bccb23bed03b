import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const EXPERIMENT_COUNT_SQL = 'SELECT count(*)::int AS used FROM experiments WHERE flow_id = $1';

const HYPOTHESIS_STEPS_SQL = `
SELECT id, primary_step_key, guardrail_step_keys
  FROM hypotheses
 WHERE flow_id = $1`;

/** A hypothesis' use of a flow: the steps it names. */
export interface HypothesisStepUse {
  hypothesisId: string;
  stepKeys: string[];
}

/**
 * Whether a flow is in use, read from the experiments' and hypotheses' tables with plain SQL:
 * both modules depend on this one (their rows point at a flow), so it never imports them.
 */
@Injectable()
export class FlowUsageQuery {
  /** How many experiments run on the flow (any status), in the caller's transaction. */
  async experimentCount(manager: EntityManager, flowId: string): Promise<number> {
    const [{ used }] = await manager.query(EXPERIMENT_COUNT_SQL, [flowId]);
    return used;
  }

  /** The steps each hypothesis on the flow names (primary and guardrails), in the caller's transaction. */
  async hypothesisSteps(manager: EntityManager, flowId: string): Promise<HypothesisStepUse[]> {
    const rows: { id: string; primary_step_key: string; guardrail_step_keys: string[] }[] = await manager.query(
      HYPOTHESIS_STEPS_SQL,
      [flowId],
    );
    return rows.map((row) => ({ hypothesisId: row.id, stepKeys: [row.primary_step_key, ...row.guardrail_step_keys] }));
  }
}
