import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';
import { REDIS } from '../redis/redis.module';
import { AnalysesQuery } from './analyses.query';

/** How often every process checks that Redis still holds the schedulers PostgreSQL expects. */
const RESTORE_INTERVAL_MS = 5 * 60_000;

/**
 * PostgreSQL is the source of truth for what is scheduled, so a restart of the app or of
 * Redis never stops the analyses:
 *
 * - at boot, every running experiment without a final verdict gets its scheduler
 *   (re-)registered, and schedulers of stopped, deleted or decided experiments are removed.
 *   Those of draft and paused experiments are left alone: a start or resume registers its
 *   scheduler just before its transaction commits, and a stale one is dropped by the runner on
 *   its first tick anyway;
 * - whenever the Redis connection becomes ready again after a loss (Redis restarted, maybe
 *   empty), and every few minutes as a backstop, schedulers missing from Redis are registered
 *   again. This only adds, so it can never undo a concurrent pause or stop for long: the
 *   runner drops a stale scheduler on its first tick;
 * - at the same moments, one-off runs (run now, a stop's final run) that Redis lost before
 *   they ran are queued again from their record in PostgreSQL (`AnalysisQueueService.requeueLost`).
 */
@Injectable()
export class AnalysisSchedulerSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisSchedulerSync.name);
  private timer: NodeJS.Timeout | null = null;
  private restoring: Promise<void> | null = null;
  private restoreAgain = false;
  private readonly onRedisReady = () => this.restoreSoon();

  constructor(
    private readonly analyses: AnalysesQuery,
    private readonly queue: AnalysisQueueService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sync();
      await this.requeueLostRuns();
    } catch (error) {
      // Redis down at boot must not keep the API down; the periodic restore catches up.
      this.logger.error(`could not re-register analysis schedulers: ${(error as Error).message}`);
    }
    this.timer = setInterval(() => void this.restoreSoon(), RESTORE_INTERVAL_MS);
    this.timer.unref();
    // ioredis emits `ready` on every (re)connection; the first one came before boot's sync.
    this.redis.on('ready', this.onRedisReady);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.redis.off('ready', this.onRedisReady);
  }

  /** Restores schedulers and lost one-off runs, once more after the current pass if asked again meanwhile; never throws. */
  restoreSoon(): Promise<void> {
    if (this.restoring) {
      this.restoreAgain = true;
      return this.restoring;
    }
    this.restoring = (async () => {
      do {
        this.restoreAgain = false;
        try {
          await this.restoreMissing();
          await this.requeueLostRuns();
        } catch (error) {
          this.logger.error(`could not restore analysis schedulers: ${(error as Error).message}`);
        }
      } while (this.restoreAgain);
      this.restoring = null;
    })();
    return this.restoring;
  }

  async sync(): Promise<{ scheduled: number; removed: number }> {
    const rows = await this.analyses.schedulableExperiments();
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
    const missing = (await this.analyses.schedulableExperiments()).filter(
      (row) => row.status === 'running' && !row.decided && !present.has(row.id),
    );
    for (const experiment of missing) await this.queue.schedule(experiment.id, experiment.interval);
    if (missing.length > 0) this.logger.warn(`analysis schedulers: ${missing.length} missing from Redis, restored`);
    return missing.length;
  }

  private async requeueLostRuns(): Promise<void> {
    const requeued = await this.queue.requeueLost();
    if (requeued > 0) this.logger.warn(`analysis runs: ${requeued} lost by Redis, queued again`);
  }

}
