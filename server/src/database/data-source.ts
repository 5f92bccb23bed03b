import 'reflect-metadata';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadEnv } from '../config/env';

// One DataSource definition for the app, the tests and the TypeORM CLI. The same relative
// path works from src/ (ts) and from dist/server/src/ (js).
const root = path.join(__dirname, '..', '..', '..');

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    entities: [path.join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [path.join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    extra: { max: Number(process.env.PG_POOL_SIZE ?? 20) },
  };
}

// Used by the TypeORM CLI: `typeorm -d server/dist/server/src/database/data-source.js`.
export default new DataSource(dataSourceOptions(loadEnv().databaseUrl));
