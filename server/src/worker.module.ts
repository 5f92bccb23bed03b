import { DynamicModule, Module } from '@nestjs/common';
import { AnalysisWorkerModule } from './analysis/analysis-worker.module';
import { Env } from './config/env';
import { EnvModule } from './config/env.module';
import { LoggingModule } from './config/logging.module';
import { DatabaseModule } from './database/database.module';
import { JourneysWorkerModule } from './journeys/journeys-worker.module';
import { RedisModule } from './redis/redis.module';

/**
 * The standalone analysis worker (`npm run worker`): the BullMQ consumer, the runner and what it
 * writes through, the scheduler sync and its Redis connection. No routes, no auth, no assignment path.
 */
@Module({})
export class WorkerModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        EnvModule.forRoot(env),
        LoggingModule.forRoot(env),
        DatabaseModule.forRoot(env.databaseUrl),
        // The scheduler sync re-registers schedulers whenever Redis comes back.
        RedisModule,
        AnalysisWorkerModule,
        JourneysWorkerModule,
      ],
    };
  }
}
