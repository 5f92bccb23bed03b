import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExperimentStatus, SdkExperimentConfig } from '@verdict/shared';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TtlCache } from '../common/ttl-cache';
import { Change, ChangeListener, ChangeNotifications } from '../database/change-notifications';

/**
 * How long an instance may serve an experiment's configuration before reading it again: a
 * safety net only, since every change drops the entry on every instance as it commits.
 */
export const CONFIG_TTL_MS = 1000;

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

/**
 * Experiment configuration for the hot paths, read with plain SQL on the pg pool (no entity
 * hydration) and cached until a change to the experiment or to any cohort is announced (or a
 * second at most).
 */
@Injectable()
export class ExperimentConfigService implements ChangeListener {
  private readonly byKey = new TtlCache<string, LiveExperiment | null>(CONFIG_TTL_MS);
  private readonly live = new TtlCache<'live', LiveExperiment[]>(CONFIG_TTL_MS, 1);

  constructor(@InjectDataSource() private readonly dataSource: DataSource, changes: ChangeNotifications) {
    changes.register(this);
  }

  changed(change: Change): void {
    if (change.table === 'experiments') {
      this.byKey.delete(change.key);
      this.live.clear();
    } else if (change.table === 'cohorts') {
      // Rarely written, and any experiment may target the cohort: re-read them all.
      this.reset();
    }
  }

  reset(): void {
    this.byKey.clear();
    this.live.clear();
  }

  get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** The experiment by key, or null when there is none. */
  getByKey(key: string): Promise<LiveExperiment | null> {
    return this.byKey.get(key, async () => {
      const { rows } = await this.pool.query<ConfigRow>(`${CONFIG_SELECT} WHERE e.key = $1`, [key]);
      return rows.length ? toLive(rows[0]) : null;
    });
  }

  /** Running and paused experiments (paused ones still honour forced variants), by key. */
  listLive(): Promise<LiveExperiment[]> {
    return this.live.get('live', async () => {
      const { rows } = await this.pool.query<ConfigRow>(
        `${CONFIG_SELECT} WHERE e.status IN ('running', 'paused') ORDER BY e.key`,
      );
      return rows.map(toLive);
    });
  }
}
