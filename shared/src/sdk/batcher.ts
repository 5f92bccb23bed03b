// A background queue that sends items in batches: when `flushAt` are waiting, every
// `flushIntervalMs`, and on `flush()`/`close()`. Adding never blocks and never throws; failed
// batches are retried with backoff by the transport, then reported to `onError` and dropped.

export interface BatcherOptions<T> {
  send: (items: T[], keepalive: boolean) => Promise<void>;
  flushAt: number;
  maxBatch: number;
  flushIntervalMs: number;
  /** Oldest items are dropped (and reported) beyond this many waiting. */
  maxQueue: number;
  onError: (error: unknown) => void;
}

export class Batcher<T> {
  private queue: T[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(private readonly options: BatcherOptions<T>) {}

  add(item: T): void {
    if (this.closed) {
      this.options.onError(new Error('Verdict SDK: client is closed; item dropped'));
      return;
    }
    this.queue.push(item);
    if (this.queue.length > this.options.maxQueue) {
      // Drop a tenth at once (at least one) so a long outage does not cost O(n) per call.
      const dropped = this.queue.splice(0, Math.max(this.queue.length - this.options.maxQueue, Math.ceil(this.options.maxQueue / 10)));
      this.options.onError(new Error(`Verdict SDK: queue full, dropped ${dropped.length} oldest item(s)`));
    }
    this.startTimer();
    if (this.queue.length >= this.options.flushAt && !this.inFlight) void this.flush();
  }

  get size(): number {
    return this.queue.length;
  }

  /** Sends everything waiting; resolves when it has been sent (or given up on). Never rejects. */
  async flush(keepalive = false): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.queue.length === 0) return;
    this.inFlight = this.drain(keepalive);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  /** Stops the timer and sends what is left. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async drain(keepalive: boolean): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      try {
        await this.options.send(batch, keepalive);
      } catch (error) {
        this.options.onError(error);
      }
    }
  }

  private startTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      if (this.queue.length > 0 && !this.inFlight) void this.flush();
    }, this.options.flushIntervalMs);
    // In Node, a pending flush timer must not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
