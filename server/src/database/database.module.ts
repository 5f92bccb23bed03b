import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from './data-source';

export const PG_POOL = Symbol('PG_POOL');

/** Injects the pg pool: `constructor(@InjectPool() private readonly pool: Pool)`. */
export const InjectPool = (): ParameterDecorator => Inject(PG_POOL);

/**
 * The pg pool under TypeORM's DataSource. The hot paths and the `*.query.ts` classes send their
 * SQL straight to it (no entity hydration, named prepared statements); they share its
 * connections with the repositories, so the app holds one pool, sized by `PG_POOL_SIZE`.
 */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}

/**
 * The one way into PostgreSQL: TypeORM's DataSource (repositories, transactions) and the pg
 * pool beneath it (`PG_POOL`), for every module of the app or the worker.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true })],
      providers: [{ provide: PG_POOL, inject: [DataSource], useFactory: poolOf }],
      exports: [PG_POOL],
    };
  }
}
