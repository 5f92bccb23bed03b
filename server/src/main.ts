import { loadEnvOrExit } from './config/env';
import { migrate } from './database/migrate';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  await migrate(env.databaseUrl, (line) => console.log(line));
  const app = await createApp(env);
  await app.listen({ port: env.port, host: env.host });
  console.log(`Verdict listening on http://localhost:${env.port} (API /api/v1, docs /api/docs, console /)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
