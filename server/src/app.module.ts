import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ENV, Env } from './config/env';
import { dataSourceOptions } from './database/data-source';
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
import { redactUnitPath } from './units/unit-path';

@Global()
@Module({})
class EnvModule {
  static forRoot(env: Env): DynamicModule {
    return { module: EnvModule, providers: [{ provide: ENV, useValue: env }], exports: [ENV] };
  }
}

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
            // A unit id is personal data: DELETE /units/:unitId never puts it in a log line.
            serializers: { req: (req: { url?: string }) => ({ ...req, url: req.url && redactUnitPath(req.url) }) },
          },
          // pino is the app's logger, but its pino-http middleware runs on no route: with
          // autoLogging off it only bound a request to the logs made during it, and running it
          // (through @fastify/middie) cost about 40 % of a route's throughput. The adapter skips
          // middie altogether (app.factory.ts), so no route may use Nest middleware.
          forRoutes: [],
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(env.databaseUrl), autoLoadEntities: true }),
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
      ],
    };
  }
}
