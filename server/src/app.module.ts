import { DynamicModule, Module } from '@nestjs/common';
import { Env } from './config/env';
import { EnvModule } from './config/env.module';
import { LoggingModule } from './config/logging.module';
import { DatabaseModule } from './database/database.module';
import { ChangeNotificationsModule } from './database/change-notifications.module';
import { RedisModule } from './redis/redis.module';
import { HealthModule } from './health/health.module';
import { AuthModule } from './auth/auth.module';
import { FlowsModule } from './flows/flows.module';
import { CohortsModule } from './cohorts/cohorts.module';
import { HypothesesModule } from './hypotheses/hypotheses.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { AssignmentsModule } from './assignments/assignments.module';
import { EventsModule } from './events/events.module';
import { AnalysisModule } from './analysis/analysis.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { UnitsModule } from './units/units.module';
import { JourneysModule } from './journeys/journeys.module';

/** The API: every route, and the analysis worker in the same process unless `VERDICT_RUN_WORKER=false`. */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(env),
        LoggingModule.forRoot(env),
        DatabaseModule.forRoot(env.databaseUrl),
        ChangeNotificationsModule,
        RedisModule,
        HealthModule,
        AuthModule,
        FlowsModule,
        CohortsModule,
        HypothesesModule,
        ExperimentsModule,
        AssignmentsModule,
        EventsModule,
        AnalysisModule,
        WebhooksModule,
        UnitsModule,
        JourneysModule,
      ],
    };
  }
}
