import type { PinoLogger } from 'nestjs-pino';
import { AppLogger } from './logging.module';

describe('AppLogger', () => {
  function logger() {
    const lines: { level: string; context: unknown; message: unknown }[] = [];
    const pino = Object.fromEntries(
      ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((level) => [
        level,
        (fields: { context?: unknown }, message: unknown) => lines.push({ level, context: fields.context, message }),
      ]),
    );
    return { app: new AppLogger(pino as unknown as PinoLogger, {}), lines };
  }

  it("moves Nest's module and route lines to debug, and keeps every other line at its level", () => {
    const { app, lines } = logger();
    app.log('Mapped {/api/v1/flows, POST} route', 'RouterExplorer');
    app.log('FlowsController {/api/v1/flows}:', 'RoutesResolver');
    app.log('AppModule dependencies initialized', 'InstanceLoader');
    app.log('analysis worker started', 'AnalysisProcessor');
    app.warn('schedulers missing', 'AnalysisSchedulerSync');
    expect(lines.map(({ level, context }) => `${level} ${String(context)}`)).toEqual([
      'debug RouterExplorer',
      'debug RoutesResolver',
      'debug InstanceLoader',
      'info AnalysisProcessor',
      'warn AnalysisSchedulerSync',
    ]);
  });
});
