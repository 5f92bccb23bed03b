import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { ENV, Env } from '../config/env';
import { ANALYSIS_QUEUE, RunAnalysisJobData } from '../jobs/queue.constants';
import { AnalysisBusyError, AnalysisGoneError, AnalysisRunner } from './analysis-runner.service';

/** Two analyses at a time per process: each is one PostgreSQL query plus a little arithmetic. */
const WORKER_CONCURRENCY = 2;
/** How long a job waits before trying again when its experiment is being analysed elsewhere. */
const BUSY_RETRY_MS = 1000;

export interface AnalysisJobResult {
  analysisId: string | null;
  skipped?: string;
}

/**
 * The consumer side of the analysis queue: one BullMQ worker per process, started when
 * `VERDICT_RUN_WORKER` is on (the default) or by the standalone worker (`npm run worker`).
 * It only translates jobs into runner calls.
 */
@Injectable()
export class AnalysisProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisProcessor.name);
  private worker: Worker<RunAnalysisJobData, AnalysisJobResult> | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly runner: AnalysisRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.runWorker) return;
    this.worker = new Worker<RunAnalysisJobData, AnalysisJobResult>(
      ANALYSIS_QUEUE,
      (job, token) => this.process(job, token),
      {
        connection: { url: this.env.redisUrl, maxRetriesPerRequest: null },
        concurrency: WORKER_CONCURRENCY,
      },
    );
    this.worker.on('error', (error) => this.logger.error(`analysis worker: ${error.message}`));
    this.logger.log('analysis worker started');
  }

  async onApplicationShutdown(): Promise<void> {
    // Lets the running analyses finish (graceful); their jobs are not taken by anyone else meanwhile.
    await this.worker?.close();
  }

  async process(job: Job<RunAnalysisJobData, AnalysisJobResult>, token?: string): Promise<AnalysisJobResult> {
    const request = {
      jobId: job.id!,
      experimentId: job.data.experimentId,
      trigger: job.data.trigger,
      attempt: job.attemptsMade + 1,
      lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    };
    const started = Date.now();
    try {
      const outcome = await this.runner.run(request);
      return outcome.kind === 'analysed'
        ? { analysisId: outcome.analysisId }
        : { analysisId: null, skipped: outcome.reason };
    } catch (error) {
      if (error instanceof AnalysisBusyError) {
        // Not a failure: wait for the other run and try again, without spending an attempt.
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
      if (error instanceof AnalysisGoneError) throw new UnrecoverableError(error.message);
      this.logger.error(`analysis job ${job.id} failed (attempt ${request.attempt}): ${(error as Error).message}`);
      await this.runner
        .recordFailure(request, error, Date.now() - started)
        .catch((recordError) => this.logger.error(`could not record the failure: ${recordError.message}`));
      throw error;
    }
  }
}
