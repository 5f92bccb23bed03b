import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '../database/database.module';

const INSERT_IF_ABSENT_SQL = 'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name';
const SELECT_SQL = 'SELECT value FROM settings WHERE name = $1';

/** The settings table: named values shared by every instance. */
@Injectable()
export class SettingsQuery {
  constructor(@InjectPool() private readonly pool: Pool) {}

  /** Stores the value unless the name has one; true when this call stored it. */
  async insertIfAbsent(name: string, value: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(INSERT_IF_ABSENT_SQL, [name, value]);
    return (rowCount ?? 0) > 0;
  }

  async get(name: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>(SELECT_SQL, [name]);
    return rows[0]?.value ?? null;
  }
}
