import Redis from 'ioredis';
import { recreateDatabase } from '../../server/src/database/migrate';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

/** A fresh test database, built by the migrations alone, and an empty Redis db. */
export default async function globalSetup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  await redis.flushdb();
  await redis.quit();
}
