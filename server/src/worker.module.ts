import { DynamicModule, Module } from '@nestjs/common';
import { AnalysisWorkerModule } from './analysis/analysis-worker.module';
import { Env } from './config/env';
import { EnvModule } from './config/env.module';
import { LoggingModule } from './config/logging.module';
import { DatabaseModule } from './database/database.module';

/**
 * The standalone analysis worker (`npm run worker`): the BullMQ consumer, the runner and what it
 * writes through, and the scheduler sync. No routes, no auth, no assignment path.
 */
@Module({})
export class WorkerModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [EnvModule.forRoot(env), LoggingModule.forRoot(env), DatabaseModule.forRoot(env.databaseUrl), AnalysisWorkerModule],
    };
  }
}
