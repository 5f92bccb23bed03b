import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { ENV, Env } from '../config/env';
import { CheckJourneyHealthJobData, JOURNEY_HEALTH_QUEUE } from '../jobs/queue.constants';
import { JourneysService } from './journeys.service';

/** The consumer of journey health checks; runs where the analysis worker runs (`VERDICT_RUN_WORKER`, or `npm run worker`). */
@Injectable()
export class JourneyHealthProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JourneyHealthProcessor.name);
  private worker: Worker<CheckJourneyHealthJobData, { flows: number }> | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly journeys: JourneysService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.runWorker) return;
    this.worker = new Worker<CheckJourneyHealthJobData, { flows: number }>(JOURNEY_HEALTH_QUEUE, (job) => this.process(job), {
      connection: { url: this.env.redisUrl, maxRetriesPerRequest: null },
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.error(`journey health worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<CheckJourneyHealthJobData>): Promise<{ flows: number }> {
    const flowKeys = job.data.flowKey === null ? await this.journeys.flowsWithExpectations() : [job.data.flowKey];
    for (const flowKey of flowKeys) await this.journeys.check(flowKey);
    return { flows: flowKeys.length };
  }
}
