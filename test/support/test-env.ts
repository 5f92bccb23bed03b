// Tests never touch the database or Redis db that `npm start` uses.
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/verdict_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.VERDICT_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
