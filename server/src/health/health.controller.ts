import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type Redis from 'ioredis';
import type { Health } from '@verdict/shared';
import { Public } from '../auth/public.decorator';
import { HealthResponse } from './dto/health.response';
import { REDIS } from '../redis/redis.module';
import { HealthQuery } from './health.query';

/** A health check answers within this even when a dependency hangs. */
const PROBE_TIMEOUT_MS = 1000;

/** 'up' when the probe succeeds in time; 'down' when it fails or hangs. */
function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), PROBE_TIMEOUT_MS);
  });
  const result = check().then(
    () => 'up' as const,
    () => 'down' as const,
  );
  return Promise.race([result, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthQuery,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse, description: 'Needs no key' })
  async check(): Promise<Health> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.database.ping()),
      // While reconnecting, ioredis would queue the PING until Redis is back: down, not a hang.
      this.redis.status === 'ready' ? probe(() => this.redis.ping()) : Promise.resolve('down' as const),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'degraded', postgres, redis };
  }
}
