import { Injectable } from '@nestjs/common';
import { MAX_ID_LENGTH } from '../common/limits';
import { TtlCache } from '../common/ttl-cache';
import { Change, ChangeListener, ChangeNotifications } from '../database/change-notifications';
import { EventsQuery } from './events.query';

/** How long a flow's step keys are trusted before they are read again; a safety net, as a change drops them at once. */
export const FLOW_STEPS_TTL_MS = 5000;

/** Which flows exist and which steps they have, for validating events (cached until changed). */
@Injectable()
export class FlowStepsService implements ChangeListener {
  private readonly cache = new TtlCache<string, ReadonlySet<string> | null>(FLOW_STEPS_TTL_MS);

  constructor(
    private readonly events: EventsQuery,
    changes: ChangeNotifications,
  ) {
    changes.register(this);
  }

  changed(change: Change): void {
    if (change.table === 'flows') this.cache.delete(change.key);
  }

  reset(): void {
    this.cache.clear();
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
    return this.events.stepKeysOf(key);
  }
}
