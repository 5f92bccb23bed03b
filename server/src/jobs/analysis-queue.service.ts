import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ENV, Env } from '../config/env';
import {
  ANALYSIS_QUEUE,
  AnalysisTriggerKind,
  JOB_RUN_ANALYSIS,
  RunAnalysisJobData,
  experimentIdOfScheduler,
  schedulerId,
} from './queue.constants';

/**
 * The producer side of the analysis queue: schedules, unschedules and enqueues analysis runs.
 * It knows nothing of experiments beyond their id, so any module may depend on it.
 */
@Injectable()
export class AnalysisQueueService implements OnApplicationShutdown {
  readonly queue: Queue<RunAnalysisJobData>;
  private readonly logger = new Logger(AnalysisQueueService.name);

  constructor(@Inject(ENV) env: Env) {
    this.queue = new Queue<RunAnalysisJobData>(ANALYSIS_QUEUE, {
      connection: { url: env.redisUrl, maxRetriesPerRequest: null },
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    // Redis gone for a while: commands wait for the reconnection (ioredis retries for ever), so
    // a connection error is only worth a log line.
    this.queue.on('error', (error) => this.logger.warn(`analysis queue: ${error.message}`));
  }

  /**
   * Registers (or updates) the experiment's recurring analysis. The first run comes one
   * interval from now (a just-started experiment has no data yet); upserting an existing
   * scheduler with the same interval keeps its next run. `everyMs` overrides the interval in
   * milliseconds; only tests use it (the contract keeps whole minutes).
   */
  async schedule(experimentId: string, intervalMinutes: number, everyMs = intervalMinutes * 60_000): Promise<void> {
    await this.queue.upsertJobScheduler(
      schedulerId(experimentId),
      { every: everyMs, startDate: Date.now() + everyMs },
      { name: JOB_RUN_ANALYSIS, data: { experimentId, trigger: 'scheduled' } },
    );
  }

  /** The experiment ids that have a scheduler in Redis now. */
  async scheduledExperimentIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers.map((scheduler) => experimentIdOfScheduler(scheduler.key)).filter((id): id is string => !!id);
  }

  async getJob(jobId: string): Promise<Job<RunAnalysisJobData> | undefined> {
    return this.queue.getJob(jobId);
  }

  async unschedule(experimentId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(experimentId));
  }

  /** Enqueues one run now under a fresh job id, which the caller may poll. */
  async enqueue(experimentId: string, trigger: AnalysisTriggerKind): Promise<string> {
    const jobId = randomUUID();
    await this.queue.add(JOB_RUN_ANALYSIS, { experimentId, trigger }, { jobId });
    return jobId;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
