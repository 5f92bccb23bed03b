import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ENV, Env } from '../config/env';
import {
  CheckJourneyHealthJobData,
  JOB_CHECK_JOURNEY_HEALTH,
  JOURNEY_HEALTH_PATTERN,
  JOURNEY_HEALTH_QUEUE,
  JOURNEY_HEALTH_SCHEDULER,
} from '../jobs/queue.constants';
import { REDIS } from '../redis/redis.module';

/**
 * The producer side of journey health: the daily schedule (one stable scheduler id, upserted at
 * every boot and whenever the Redis connection is ready again, so it exists once whatever the
 * number of instances and comes back after Redis lost it) and checks asked for by hand.
 */
@Injectable()
export class JourneyHealthQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly queue: Queue<CheckJourneyHealthJobData>;
  private readonly logger = new Logger(JourneyHealthQueue.name);
  private readonly onRedisReady = () => void this.schedule();

  constructor(
    @Inject(ENV) env: Env,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.queue = new Queue<CheckJourneyHealthJobData>(JOURNEY_HEALTH_QUEUE, {
      connection: { url: env.redisUrl, maxRetriesPerRequest: null },
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    this.queue.on('error', (error) => this.logger.debug(`journey health queue: ${error.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    this.redis.on('ready', this.onRedisReady);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.off('ready', this.onRedisReady);
    await this.queue.close();
  }

  /** Upserts the daily scheduler (the same id every time: never a second schedule); never throws. */
  async schedule(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        JOURNEY_HEALTH_SCHEDULER,
        { pattern: JOURNEY_HEALTH_PATTERN, tz: 'UTC' },
        { name: JOB_CHECK_JOURNEY_HEALTH, data: { flowKey: null } },
      )
      .catch((error: Error) => this.logger.error(`could not schedule the daily journey health check: ${error.message}`));
  }

  /** One check of one flow now, under a fresh job id. */
  async enqueue(flowKey: string): Promise<string> {
    const jobId = randomUUID();
    await this.queue.add(JOB_CHECK_JOURNEY_HEALTH, { flowKey }, { jobId });
    return jobId;
  }
}
