import { EnvError, loadEnv } from './config/env';
import { migrate } from './database/migrate';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  await migrate(env.databaseUrl, (line) => console.log(line));
  const app = await createApp(env);
  await app.listen({ port: env.port, host: env.host });
  console.log(`Verdict listening on http://localhost:${env.port} (API /api/v1, docs /api/docs, console /)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
