import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';

/**
 * PostgreSQL is the source of truth for what is scheduled: at boot every running experiment
 * without a final verdict gets its scheduler (re-)registered, and schedulers of anything else
 * are removed. A restart of the app or a loss of Redis therefore never stops the analyses.
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
    const due: { id: string; interval: number }[] = await this.dataSource.query(
      `SELECT e.id, e.analysis_interval_minutes AS interval
       FROM experiments e
       WHERE e.status = 'running'
         AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.experiment_id = e.id AND a.verdict_final)`,
    );
    const keep = new Set(due.map((experiment) => experiment.id));
    let removed = 0;
    for (const id of await this.queue.scheduledExperimentIds()) {
      if (!keep.has(id)) {
        await this.queue.unschedule(id);
        removed++;
      }
    }
    for (const experiment of due) await this.queue.schedule(experiment.id, experiment.interval);
    if (due.length > 0 || removed > 0) {
      this.logger.log(`analysis schedulers: ${due.length} registered, ${removed} removed`);
    }
    return { scheduled: due.length, removed };
  }
}
