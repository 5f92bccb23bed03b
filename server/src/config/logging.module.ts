import { DynamicModule, Global, Inject, Injectable, Module } from '@nestjs/common';
import { Logger, LoggerModule, Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import pretty from 'pino-pretty';
import type { Env } from './env';
import { redactUnitPath } from '../common/unit-path';

/**
 * Nest's boot chatter: one line per module loaded and per route mapped (about 60 lines). Kept at
 * debug (`LOG_LEVEL=debug` shows it), so a start prints the admin token and the URL on one screen.
 */
const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** nestjs-pino's logger, with Nest's boot chatter moved down to debug. */
@Injectable()
export class AppLogger extends Logger {
  constructor(logger: PinoLogger, @Inject(PARAMS_PROVIDER_TOKEN) params: Params) {
    super(logger, params);
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && BOOT_CHATTER.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}

/** Readable lines when a person watches a terminal; one JSON object per line for everything else. */
function destination(): ReturnType<typeof pretty> | undefined {
  if (!process.stdout.isTTY) return undefined;
  return pretty({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/** The app's logger (pino), for the API and the standalone worker alike. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(env: Env): DynamicModule {
    const options = {
      level: env.logLevel,
      // Per-request logs would dominate the assignment hot path; errors are logged by the filter.
      autoLogging: false,
      redact: ['req.headers.authorization'],
      // A unit id is personal data: DELETE /units/:unitId never puts it in a log line.
      serializers: { req: (req: { url?: string }) => ({ ...req, url: req.url && redactUnitPath(req.url) }) },
    };
    const stream = destination();
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: stream ? [options, stream] : options,
          // pino is the app's logger, but its pino-http middleware runs on no route: with
          // autoLogging off it only bound a request to the logs made during it, and running it
          // (through @fastify/middie) cost about 40 % of a route's throughput. The adapter skips
          // middie altogether (app.factory.ts), so no route may use Nest middleware.
          forRoutes: [],
        }),
      ],
      providers: [AppLogger],
      exports: [AppLogger],
    };
  }
}
