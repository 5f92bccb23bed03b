import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadEnvOrExit } from './config/env';
import { AppLogger } from './config/logging.module';
import { WorkerModule } from './worker.module';

// The analysis worker as its own process (`npm run worker`), for scale-out: only what runs
// analyses (worker.module.ts), no HTTP listener. Start as many as needed against one Redis; the
// per-experiment lock in PostgreSQL keeps them from doing the same work twice. SIGTERM/SIGINT
// let the running analyses finish before the process exits.
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...env, runWorker: true }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  await app.init();
  console.log('Verdict analysis worker running');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
