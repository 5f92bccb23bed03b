import { Injectable } from '@nestjs/common';
import { TtlCache } from '../common/ttl-cache';
import { Change, ChangeListener, ChangeNotifications } from '../database/change-notifications';
import { ExperimentConfigQuery, LiveExperiment } from './experiment-config.query';

/**
 * How long an instance may serve an experiment's configuration before reading it again: a
 * safety net only, since every change drops the entry on every instance as it commits.
 */
export const CONFIG_TTL_MS = 1000;

/**
 * Experiment configuration for the hot paths, cached until a change to the experiment or to any
 * cohort is announced (or a second at most).
 */
@Injectable()
export class ExperimentConfigService implements ChangeListener {
  private readonly byKey = new TtlCache<string, LiveExperiment | null>(CONFIG_TTL_MS);
  private readonly live = new TtlCache<'live', LiveExperiment[]>(CONFIG_TTL_MS, 1);

  constructor(
    private readonly configs: ExperimentConfigQuery,
    changes: ChangeNotifications,
  ) {
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

  /** The experiment by key, or null when there is none. */
  getByKey(key: string): Promise<LiveExperiment | null> {
    return this.byKey.get(key, () => this.configs.byKey(key));
  }

  /** Running and paused experiments (paused ones still honour forced variants), by key. */
  listLive(): Promise<LiveExperiment[]> {
    return this.live.get('live', () => this.configs.live());
  }
}
