import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';

@Injectable()
export class HealthQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** A trivial statement: resolves when PostgreSQL answers, rejects when it does not. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
