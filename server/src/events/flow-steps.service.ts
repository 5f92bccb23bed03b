import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { MAX_ID_LENGTH } from '../common/limits';
import { TtlCache } from '../common/ttl-cache';
import { Change, ChangeListener, ChangeNotifications } from '../database/change-notifications';

/** How long a flow's step keys are trusted before they are read again; a safety net, as a change drops them at once. */
export const FLOW_STEPS_TTL_MS = 5000;

/** Which flows exist and which steps they have, for validating events (cached until changed). */
@Injectable()
export class FlowStepsService implements ChangeListener {
  private readonly cache = new TtlCache<string, ReadonlySet<string> | null>(FLOW_STEPS_TTL_MS);

  constructor(@InjectDataSource() private readonly dataSource: DataSource, changes: ChangeNotifications) {
    changes.register(this);
  }

  changed(change: Change): void {
    if (change.table === 'flows') this.cache.delete(change.key);
  }

  reset(): void {
    this.cache.clear();
  }

  get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Step keys per flow key; null for a flow that does not exist. */
  async stepsOf(flowKeys: Iterable<string>): Promise<Map<string, ReadonlySet<string> | null>> {
    const result = new Map<string, ReadonlySet<string> | null>();
    await Promise.all(
      [...new Set(flowKeys)].map(async (key) => {
        result.set(key, await this.cache.get(key, () => this.load(key)));
      }),
    );
    return result;
  }

  private async load(key: string): Promise<ReadonlySet<string> | null> {
    // No flow key has these; PostgreSQL would refuse the NUL byte in a query parameter.
    if (key.length === 0 || key.length > MAX_ID_LENGTH || key.includes('\u0000')) return null;
    const { rows } = await this.pool.query<{ steps: { key: string }[] }>('SELECT steps FROM flows WHERE key = $1', [key]);
    return rows.length ? new Set(rows[0].steps.map((step) => step.key)) : null;
  }
}
