import { Injectable } from '@nestjs/common';
import type { ExperimentStatus, SdkExperimentConfig } from '@verdict/shared';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';

/** What assignment needs of an experiment: the SDK's view plus the row id. */
export interface LiveExperiment extends SdkExperimentConfig {
  id: string;
}

interface ConfigRow {
  id: string;
  key: string;
  status: ExperimentStatus;
  seed: string;
  coverage: number;
  variants: { key: string; weight: number; control: boolean }[];
  forced_variants: Record<string, string>;
  targeting: { key: string; rules: SdkExperimentConfig['targeting'][number]['rules']; members: string[] }[];
}

// One lean statement: the experiment with its target cohorts' rules and members inlined.
const CONFIG_SELECT = `
  SELECT e.id, e.key, e.status, e.seed, e.coverage, e.variants, e.forced_variants,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('key', c.key, 'rules', c.rules, 'members', c.members) ORDER BY c.key)
                     FROM cohorts c
                    WHERE c.key IN (SELECT jsonb_array_elements_text(e.target_cohort_keys))), '[]'::jsonb) AS targeting
    FROM experiments e`;

function toLive(row: ConfigRow): LiveExperiment {
  return {
    id: row.id,
    key: row.key,
    seed: row.seed,
    status: row.status,
    variants: row.variants.map((v) => ({ key: v.key, weight: Number(v.weight), control: Boolean(v.control) })),
    coverage: Number(row.coverage),
    targeting: row.targeting.map((c) => ({ key: c.key, rules: c.rules ?? [], members: c.members ?? [] })),
    forcedVariants: row.forced_variants ?? {},
  };
}

/** Experiment configuration for the hot paths, read with plain SQL (no entity hydration). */
@Injectable()
export class ExperimentConfigQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** The experiment by key, or null when there is none. */
  async byKey(key: string): Promise<LiveExperiment | null> {
    const { rows } = await this.pool.query<ConfigRow>(`${CONFIG_SELECT} WHERE e.key = $1`, [key]);
    return rows.length ? toLive(rows[0]) : null;
  }

  /** Running and paused experiments, by key. */
  async live(): Promise<LiveExperiment[]> {
    const { rows } = await this.pool.query<ConfigRow>(`${CONFIG_SELECT} WHERE e.status IN ('running', 'paused') ORDER BY e.key`);
    return rows.map(toLive);
  }
}
