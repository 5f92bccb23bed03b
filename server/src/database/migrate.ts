import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { loadEnv } from '../config/env';

/** Creates the database when missing, then applies pending migrations. */
export async function migrate(databaseUrl: string, log: (line: string) => void = () => {}): Promise<void> {
  await ensureDatabase(databaseUrl, log);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`applied migration ${migration.name}`);
  } finally {
    await dataSource.destroy();
  }
}

/** Drops the database (closing its connections) and builds it anew from the migrations: tests and benchmarks. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  await withServerConnection(databaseUrl, (admin, name) =>
    admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`),
  );
  await migrate(databaseUrl);
}

async function withServerConnection<T>(
  databaseUrl: string,
  work: (admin: DataSource, name: string) => Promise<T>,
): Promise<T> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: url.toString() });
  await admin.initialize();
  try {
    return await work(admin, name);
  } finally {
    await admin.destroy();
  }
}

async function ensureDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await withServerConnection(databaseUrl, async (admin, name) => {
    if (!name) return;
    const rows: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  });
}

if (require.main === module) {
  migrate(loadEnv().databaseUrl, (line) => console.log(line)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
