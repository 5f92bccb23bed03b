import { Injectable } from '@nestjs/common';
import { isOneOf, STEP_OUTCOMES } from '@verdict/shared';
import type { EventsResponse } from '@verdict/shared';
import type { FieldProblem } from '../common/domain-error';
import { MAX_BACKDATE_MS, MAX_CLOCK_SKEW_MS, MAX_ID_LENGTH } from '../common/limits';
import { jsonbProblem } from '../common/request-validation';
import { parseRfc3339, RFC3339_REASON } from '../common/rfc3339';
import { EventsQuery, NewStepEvent } from './events.query';
import { FlowStepsService } from './flow-steps.service';

const EVENT_FIELDS = new Set(['id', 'unitId', 'flowKey', 'stepKey', 'outcome', 'occurredAt', 'properties']);

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && !value.includes('\u0000');
}

/**
 * POST /events: each event validated on its own (a bad one is listed, the rest are kept),
 * stored with one multi-row statement that skips ids already stored (global dedupe). The
 * statement commits before the caller hears 202.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly flows: FlowStepsService,
    private readonly store: EventsQuery,
  ) {}

  /**
   * `badStrings`: events the body parser found holding U+0000 or a lone surrogate (by index,
   * the field named from the event); PostgreSQL could not store them faithfully.
   */
  async ingest(events: unknown[], now = new Date(), badStrings: ReadonlyMap<number, FieldProblem> = new Map()): Promise<EventsResponse> {
    const rejected: EventsResponse['rejected'] = [];
    const candidates: { index: number; event: Record<string, unknown> }[] = [];
    events.forEach((event, index) => {
      const bad = badStrings.get(index);
      if (typeof event !== 'object' || event === null || Array.isArray(event)) {
        rejected.push({ index, id: null, reason: 'invalid_event: must be an object' });
      } else if (bad) {
        const id = (event as Record<string, unknown>).id;
        rejected.push({ index, id: typeof id === 'string' ? id.slice(0, MAX_ID_LENGTH) : null, reason: `invalid_string: ${bad.field} ${bad.reason}` });
      } else {
        candidates.push({ index, event: event as Record<string, unknown> });
      }
    });

    const steps = await this.flows.stepsOf(
      candidates.map((c) => c.event.flowKey).filter((key): key is string => typeof key === 'string'),
    );
    const seen = new Set<string>();
    const valid: NewStepEvent[] = [];
    let duplicatesInBatch = 0;
    for (const { index, event } of candidates) {
      const id = isText(event.id) ? event.id : null;
      const reason = this.problem(event, steps, now);
      if (reason) {
        rejected.push({ index, id: id ?? (typeof event.id === 'string' ? event.id.slice(0, MAX_ID_LENGTH) : null), reason });
        continue;
      }
      if (seen.has(id!)) {
        duplicatesInBatch++;
        continue;
      }
      seen.add(id!);
      valid.push({
        id: id!,
        unitId: event.unitId as string,
        flowKey: event.flowKey as string,
        stepKey: event.stepKey as string,
        outcome: event.outcome as string,
        occurredAt: event.occurredAt === undefined ? now : parseRfc3339(event.occurredAt)!,
        properties: event.properties === undefined || event.properties === null ? null : JSON.stringify(event.properties),
      });
    }

    let inserted = 0;
    if (valid.length > 0) {
      // Rows locked in one order by every batch: overlapping concurrent batches cannot deadlock.
      valid.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      inserted = await this.store.insert(valid);
    }
    rejected.sort((a, b) => a.index - b.index);
    return { accepted: inserted, duplicates: valid.length - inserted + duplicatesInBatch, rejected };
  }

  /** Why this event cannot be stored, or null. */
  private problem(event: Record<string, unknown>, steps: Map<string, ReadonlySet<string> | null>, now: Date): string | null {
    const extra = Object.keys(event).find((field) => !EVENT_FIELDS.has(field));
    if (extra !== undefined) return `unknown_field: "${extra}" is not an event field`;
    if (!isText(event.id)) return `invalid_id: must be a non-empty string of at most ${MAX_ID_LENGTH} characters`;
    if (!isText(event.unitId)) return `invalid_unit_id: must be a non-empty string of at most ${MAX_ID_LENGTH} characters`;
    if (typeof event.flowKey !== 'string') return 'invalid_flow_key: must be a string';
    const flowSteps = steps.get(event.flowKey);
    if (!flowSteps) return `unknown_flow: no flow "${event.flowKey}"`;
    if (typeof event.stepKey !== 'string' || !flowSteps.has(event.stepKey)) {
      return `unknown_step: flow "${event.flowKey}" has no step "${String(event.stepKey)}"`;
    }
    if (!isOneOf(STEP_OUTCOMES, event.outcome)) return `invalid_outcome: must be ${STEP_OUTCOMES.join(' or ')}`;
    if (event.occurredAt !== undefined) {
      const at = parseRfc3339(event.occurredAt)?.getTime();
      if (at === undefined) return `invalid_occurred_at: ${RFC3339_REASON}`;
      if (at < now.getTime() - MAX_BACKDATE_MS) return 'occurred_at_out_of_range: more than 30 days ago';
      if (at > now.getTime() + MAX_CLOCK_SKEW_MS) return 'occurred_at_out_of_range: more than 5 minutes ahead';
    }
    if (event.properties !== undefined && event.properties !== null) {
      if (typeof event.properties !== 'object' || Array.isArray(event.properties)) return 'invalid_properties: must be an object';
      const problem = jsonbProblem(event.properties);
      if (problem) return `invalid_properties: ${problem}`;
    }
    return null;
  }
}
