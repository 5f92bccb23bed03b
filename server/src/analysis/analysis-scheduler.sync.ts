import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';

/**
 * PostgreSQL is the source of truth for what is scheduled: at boot every running experiment
 * without a final verdict gets its scheduler (re-)registered, so a restart of the app or a
 * loss of Redis never stops the analyses. Schedulers of stopped, deleted or decided
 * experiments are removed. Those of draft and paused experiments are left alone: a start or
 * resume registers its scheduler just before its transaction commits, and a stale one is
 * dropped by the runner on its first tick anyway.
 */
@Injectable()
export class AnalysisSchedulerSync implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalysisSchedulerSync.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: AnalysisQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sync();
    } catch (error) {
      // Redis down at boot must not keep the API down; the next boot (or start) schedules again.
      this.logger.error(`could not re-register analysis schedulers: ${(error as Error).message}`);
    }
  }

  async sync(): Promise<{ scheduled: number; removed: number }> {
    const rows: { id: string; interval: number; status: string; decided: boolean }[] = await this.dataSource.query(
      `SELECT e.id, e.analysis_interval_minutes AS interval, e.status,
              EXISTS (SELECT 1 FROM analyses a WHERE a.experiment_id = e.id AND a.verdict_final) AS decided
       FROM experiments e
       WHERE e.status IN ('running', 'draft', 'paused')`,
    );
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
}
