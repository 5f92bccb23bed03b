import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { ENV, Env } from '../config/env';

export const REDIS = Symbol('REDIS');

/** One shared ioredis connection (BullMQ-compatible options) for health checks and queues. */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  // While Redis is away ioredis reconnects for ever and reports every failed attempt: one line per outage is enough.
  const logger = new Logger('Redis');
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn(`${error.message}; reconnecting`);
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.log('connected again');
    reported = false;
  });
  return redis;
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [ENV], useFactory: (env: Env) => createRedis(env.redisUrl) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
