import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ENV, Env } from '../config/env';
import { AnalysisRequestsQuery } from './analysis-requests.query';
import {
  ANALYSIS_QUEUE,
  AnalysisTriggerKind,
  JOB_RUN_ANALYSIS,
  RunAnalysisJobData,
  experimentIdOfScheduler,
  schedulerId,
} from './queue.constants';

/** How long a one-off run's request is kept for re-queueing after Redis lost it. */
const REQUEST_KEPT_DAYS = 7;

/**
 * The producer side of the analysis queue: schedules, unschedules and enqueues analysis runs.
 * It knows nothing of experiments beyond their id, so any module may depend on it. One-off
 * runs are also recorded in PostgreSQL (`analysis_requests`), so that a Redis that lost them
 * gets them back (`requeueLost`).
 */
@Injectable()
export class AnalysisQueueService implements OnApplicationShutdown {
  readonly queue: Queue<RunAnalysisJobData>;
  private readonly logger = new Logger(AnalysisQueueService.name);

  constructor(
    @Inject(ENV) env: Env,
    private readonly requests: AnalysisRequestsQuery,
  ) {
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
    // a connection error is only worth a log line (the shared connection logs the outage).
    this.queue.on('error', (error) => this.logger.debug(`analysis queue: ${error.message}`));
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
    // Recorded first: whatever happens to Redis from here on, `requeueLost` can queue it again.
    await this.requests.record({ jobId, experimentId, trigger });
    await this.queue.add(JOB_RUN_ANALYSIS, { experimentId, trigger }, { jobId });
    return jobId;
  }

  /** The experiment of a recorded one-off run not yet forgotten, or null. */
  async requestedRun(jobId: string): Promise<{ experimentId: string } | null> {
    const experimentId = await this.requests.experimentOf(jobId);
    return experimentId === null ? null : { experimentId };
  }

  /**
   * Queues again, under their own job ids, the one-off runs that have no succeeded analysis
   * and that Redis no longer holds (it restarted empty). A job id already queued is never
   * added twice, and the runner returns the existing analysis of a job id that already ran,
   * so nothing runs twice. Forgets requests that succeeded or are older than a week.
   */
  async requeueLost(): Promise<number> {
    await this.requests.forgetDone(REQUEST_KEPT_DAYS);
    const requests = await this.requests.pending();
    let requeued = 0;
    for (const request of requests) {
      if (await this.queue.getJob(request.jobId)) continue;
      const data = { experimentId: request.experimentId, trigger: request.trigger };
      await this.queue.add(JOB_RUN_ANALYSIS, data, { jobId: request.jobId });
      requeued++;
    }
    return requeued;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
