import type {
  AssignmentResponse,
  Attributes,
  EventsRequest,
  EventsResponse,
  StepEvent,
  UnitAttributes,
  UnitsRequest,
} from '../api';
import type { StepOutcome } from '../vocabularies';
import { Batcher } from './batcher';
import { Transport, TransportOptions } from './transport';

export interface VerdictClientOptions extends TransportOptions {
  /** Send when this many events wait (at most 1,000 per request). Default 100. */
  flushAt?: number;
  /** Send waiting events at least this often. Default 2,000 ms. */
  flushIntervalMs?: number;
  /** Retries of a failed batch before it is reported to `onError` and dropped. Default 5. */
  maxRetries?: number;
  /** Events kept while the server is unreachable; the oldest are dropped beyond it. Default 10,000. */
  maxQueue?: number;
  /** Failures of background sends and events the server rejected. Default: console.warn. */
  onError?: (error: unknown) => void;
  /** `close()` waits at most this long for the last flush (the server may be down). Default 5,000 ms. */
  closeTimeoutMs?: number;
}

export interface TrackInput {
  unitId: string;
  flowKey: string;
  stepKey: string;
  outcome: StepOutcome;
  /** Idempotency key; generated when absent. Pass your own to dedupe across processes. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: Date | string;
  properties?: Record<string, unknown>;
}

let counter = 0;
/** A unique event id: crypto.randomUUID where there is one, else time + randomness. */
export function newEventId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  counter = (counter + 1) % 1e9;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export class VerdictEventsRejectedError extends Error {
  constructor(readonly response: EventsResponse) {
    super(`Verdict SDK: ${response.rejected.length} event(s) rejected: ${response.rejected[0]?.reason ?? ''}`);
    this.name = 'VerdictEventsRejectedError';
  }
}

/**
 * The server-side evaluation client: `assign()` asks the server (sticky, durable), `track()`
 * queues step events that are sent in the background in batches.
 */
export class VerdictClient {
  protected readonly transport: Transport;
  private readonly events: Batcher<StepEvent>;
  private readonly units: Batcher<UnitAttributes>;
  private readonly detachPageHide: () => void;
  private readonly closeTimeoutMs: number;

  constructor(options: VerdictClientOptions) {
    this.transport = new Transport(options);
    this.closeTimeoutMs = options.closeTimeoutMs ?? 5000;
    const { maxRetries, ...batching } = batchingOf(options);
    const { onError } = batching;
    this.events = new Batcher<StepEvent>({
      ...batching,
      send: async (events, keepalive) => {
        const { body } = await this.transport.request<EventsResponse>('POST', '/events', {
          body: { events } satisfies EventsRequest,
          retries: maxRetries,
          keepalive,
        });
        if (body?.rejected?.length) onError(new VerdictEventsRejectedError(body));
      },
    });
    this.units = new Batcher<UnitAttributes>({
      ...batching,
      send: async (units, keepalive) => {
        await this.transport.request('POST', '/units', { body: { units } satisfies UnitsRequest, retries: maxRetries, keepalive });
      },
    });
    this.detachPageHide = onPageHide(() => void this.flushAll(true));
  }

  /** The unit's variant in an experiment, as the server decides and records it. */
  assign(experimentKey: string, unitId: string, attributes?: Attributes): Promise<AssignmentResponse> {
    return this.transport
      .request<AssignmentResponse>('POST', '/assignments', { body: { experimentKey, unitId, attributes }, retries: 2 })
      .then((result) => result.body);
  }

  /** Queues a step event; returns its id at once. Never throws, never waits on the network. */
  track(input: TrackInput): string {
    const id = input.id ?? newEventId();
    const occurredAt =
      input.occurredAt instanceof Date ? input.occurredAt.toISOString() : (input.occurredAt ?? new Date().toISOString());
    this.events.add({
      id,
      unitId: input.unitId,
      flowKey: input.flowKey,
      stepKey: input.stepKey,
      outcome: input.outcome,
      occurredAt,
      ...(input.properties ? { properties: input.properties } : {}),
    });
    return id;
  }

  /**
   * Queues the unit's current attributes (they replace its previous ones; the latest call wins),
   * sent in the background in batches like events. Insights and journey health read cohorts
   * from them. Never throws, never waits on the network.
   */
  identify(unitId: string, attributes: Attributes): void {
    this.units.add({ unitId, attributes });
  }

  /** Sends every queued item now. Never rejects (failures go to `onError`). */
  flush(): Promise<void> {
    return this.flushAll(false);
  }

  /** Flushes and stops the background timers: call it on shutdown. Waits at most `closeTimeoutMs`. */
  async close(): Promise<void> {
    this.detachPageHide();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.closeTimeoutMs);
      (timer as { unref?: () => void }).unref?.();
    });
    await Promise.race([this.closeAll(), deadline]);
    clearTimeout(timer);
  }

  protected async flushAll(keepalive: boolean): Promise<void> {
    await Promise.all([this.events.flush(keepalive), this.units.flush(keepalive)]);
  }

  protected async closeAll(): Promise<void> {
    await Promise.all([this.events.close(), this.units.close()]);
  }
}

/** In a browser, flush with `keepalive` when the page goes away; a no-op elsewhere. */
/** How every queue of the SDK batches and retries (step events, units, exposures), from the client's options. */
export function batchingOf(options: VerdictClientOptions) {
  return {
    flushAt: Math.min(1000, Math.max(1, options.flushAt ?? 100)),
    maxBatch: 1000,
    flushIntervalMs: options.flushIntervalMs ?? 2000,
    maxQueue: options.maxQueue ?? 10_000,
    maxRetries: options.maxRetries ?? 5,
    onError: options.onError ?? ((error: unknown) => console.warn(error)),
  };
}

export function onPageHide(handler: () => void): () => void {
  type Listener = (type: string, handler: () => void) => void;
  const target = globalThis as { addEventListener?: Listener; removeEventListener?: Listener; document?: unknown };
  if (typeof target.addEventListener !== 'function' || target.document === undefined) return () => undefined;
  target.addEventListener('pagehide', handler);
  return () => target.removeEventListener?.('pagehide', handler);
}
