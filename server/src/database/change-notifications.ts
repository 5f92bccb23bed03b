import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client, Notification } from 'pg';
import { ENV, Env } from '../config/env';

/** The channel the change triggers notify on (see migrations/1795370300000-ChangeNotifications.ts). */
export const CHANGES_CHANNEL = 'verdict_changes';

/** The tables whose rows the hot paths cache. */
export type ChangedTable = 'experiments' | 'cohorts' | 'flows' | 'api_keys';

/** One written row: its table and the key the caches use (an API key's is its hash). */
export interface Change {
  table: ChangedTable;
  key: string;
}

/** A cache that follows the database. */
export interface ChangeListener {
  /** A row was written (and committed): drop whatever was cached from it. */
  changed(change: Change): void;
  /** Notifications may have been missed: drop everything. */
  reset(): void;
}

/** Reconnection backoff of the listening connection: doubles from the first to the last. */
const RETRY_FIRST_MS = 100;
const RETRY_LAST_MS = 5000;
/** How long `settled()` waits for its own marker before it gives up and drops every cache. */
const SETTLE_TIMEOUT_MS = 2000;

/**
 * The instance's one dedicated `LISTEN` connection to PostgreSQL, outside the pool. Every
 * committed write to a cached table arrives here as a notification (the triggers send it from
 * the writing transaction) and the registered caches drop that entry. When the connection
 * drops it reconnects with backoff, and once listening again it resets every cache, since
 * notifications sent meanwhile were lost. The caches keep their short TTLs as a safety net.
 */
@Injectable()
export class ChangeNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeNotifications.name);
  private readonly listeners: ChangeListener[] = [];
  private readonly waiting = new Map<string, () => void>();
  private readonly instanceId = randomUUID();
  private client: Client | null = null;
  private listening = false;
  private attempts = 0;
  private sequence = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(@Inject(ENV) private readonly env: Env) {}

  register(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Whether notifications are being received right now. */
  get isListening(): boolean {
    return this.listening;
  }

  async onModuleInit(): Promise<void> {
    // Awaited, so the instance listens before it serves its first request.
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  /**
   * Resolves once every change committed before the call has reached this instance's caches:
   * it notifies a marker of its own on the listening connection and waits for it, and
   * PostgreSQL delivers notifications in commit order. Without a listening connection it
   * drops every cache instead. The change routes call it before they answer, so the instance
   * that made a change never serves the old value afterwards.
   */
  async settled(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) return this.resetAll();
    const token = `${this.instanceId}:${++this.sequence}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.waiting.set(token, () => resolve(true));
      timer = setTimeout(() => resolve(false), SETTLE_TIMEOUT_MS);
    });
    try {
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify({ settle: token })]);
      if (!(await arrived)) this.resetAll();
    } catch {
      this.resetAll();
    } finally {
      clearTimeout(timer);
      this.waiting.delete(token);
    }
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.closed) return;
    const client = new Client({
      connectionString: this.env.databaseUrl,
      keepAlive: true,
      application_name: 'verdict-changes',
    });
    this.client = client;
    client.on('notification', (message) => this.receive(message));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.listening = true;
    if (this.attempts > 0) this.logger.log('listening for changes again');
    this.attempts = 0;
    // Whatever was cached before this point may have missed a notification.
    this.resetAll();
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    const delay = Math.min(RETRY_LAST_MS, RETRY_FIRST_MS * 2 ** this.attempts++);
    this.logger.warn(`change notifications lost (${error?.message ?? 'connection ended'}); reconnecting in ${delay} ms`);
    this.resetAll();
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private receive(message: Notification): void {
    if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
    let payload: { table?: unknown; key?: unknown; settle?: unknown };
    try {
      payload = JSON.parse(message.payload) as typeof payload;
    } catch {
      return;
    }
    if (typeof payload.settle === 'string') {
      this.waiting.get(payload.settle)?.();
      return;
    }
    if (typeof payload.table !== 'string' || typeof payload.key !== 'string') return;
    const change = { table: payload.table as ChangedTable, key: payload.key };
    for (const listener of this.listeners) listener.changed(change);
  }

  private resetAll(): void {
    for (const listener of this.listeners) listener.reset();
  }
}
