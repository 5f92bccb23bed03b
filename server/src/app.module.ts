import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Env } from './config/env';
import { EnvModule } from './config/env.module';
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

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(env),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.logLevel,
            // Per-request logs would dominate the assignment hot path; errors are logged by the filter.
            autoLogging: false,
            redact: ['req.headers.authorization'],
          },
          // pino is the app's logger, but its pino-http middleware runs on no route: with
          // autoLogging off it only bound a request to the logs made during it, and running it
          // (through @fastify/middie) cost about 40 % of a route's throughput. The adapter skips
          // middie altogether (app.factory.ts), so no route may use Nest middleware.
          forRoutes: [],
        }),
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
      ],
    };
  }
}
