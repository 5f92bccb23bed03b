import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';

/** How often every process checks that Redis still holds the schedulers PostgreSQL expects. */
const RESTORE_INTERVAL_MS = 5 * 60_000;

interface ExperimentRow {
  id: string;
  interval: number;
  status: string;
  decided: boolean;
}

/**
 * PostgreSQL is the source of truth for what is scheduled, so a restart of the app or of
 * Redis never stops the analyses:
 *
 * - at boot, every running experiment without a final verdict gets its scheduler
 *   (re-)registered, and schedulers of stopped, deleted or decided experiments are removed.
 *   Those of draft and paused experiments are left alone: a start or resume registers its
 *   scheduler just before its transaction commits, and a stale one is dropped by the runner on
 *   its first tick anyway;
 * - every few minutes, schedulers missing from Redis (it restarted empty) are registered
 *   again. This only adds, so it can never undo a concurrent pause or stop for long: the
 *   runner drops a stale scheduler on its first tick.
 */
@Injectable()
export class AnalysisSchedulerSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisSchedulerSync.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: AnalysisQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sync();
    } catch (error) {
      // Redis down at boot must not keep the API down; the periodic restore catches up.
      this.logger.error(`could not re-register analysis schedulers: ${(error as Error).message}`);
    }
    this.timer = setInterval(() => {
      this.restoreMissing().catch((error) =>
        this.logger.error(`could not restore analysis schedulers: ${(error as Error).message}`),
      );
    }, RESTORE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sync(): Promise<{ scheduled: number; removed: number }> {
    const rows = await this.experiments();
    const due = rows.filter((row) => row.status === 'running' && !row.decided);
    // Draft and paused experiments keep theirs (see above); everything else loses it.
    const keep = new Set(rows.filter((row) => !row.decided).map((row) => row.id));
    let removed = 0;
    for (const id of await this.queue.scheduledExperimentIds()) {
      if (keep.has(id)) continue;
      await this.queue.unschedule(id);
      removed++;
    }
    for (const experiment of due) await this.queue.schedule(experiment.id, experiment.interval);
    if (due.length > 0 || removed > 0) {
      this.logger.log(`analysis schedulers: ${due.length} registered, ${removed} removed`);
    }
    return { scheduled: due.length, removed };
  }

  /** Registers the schedulers of due experiments that Redis does not hold; touches no other. */
  async restoreMissing(): Promise<number> {
    const present = new Set(await this.queue.scheduledExperimentIds());
    const missing = (await this.experiments()).filter(
      (row) => row.status === 'running' && !row.decided && !present.has(row.id),
    );
    for (const experiment of missing) await this.queue.schedule(experiment.id, experiment.interval);
    if (missing.length > 0) this.logger.warn(`analysis schedulers: ${missing.length} missing from Redis, restored`);
    return missing.length;
  }

  private experiments(): Promise<ExperimentRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.analysis_interval_minutes AS interval, e.status,
              EXISTS (SELECT 1 FROM analyses a WHERE a.experiment_id = e.id AND a.verdict_final) AS decided
       FROM experiments e
       WHERE e.status IN ('running', 'draft', 'paused')`,
    );
  }
}
