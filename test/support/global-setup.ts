import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { migrate } from '../../server/src/database/migrate';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

/** A fresh test database, built by the migrations alone, and an empty Redis db. */
export default async function globalSetup(): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: url.toString() });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.destroy();
  await migrate(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  await redis.flushdb();
  await redis.quit();
}
