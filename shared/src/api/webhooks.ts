// Webhooks: subscriptions, the events they receive and the delivery log (docs/api.md, "Webhooks").

export type WebhookEventType =
  | 'verdict.changed'
  | 'experiment.status_changed'
  | 'experiment.srm_detected'
  | 'analysis.failed'
  | 'expectation.changed'
  | 'journey.health_escalated'
  | 'journey.health_recovered';
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'verdict.changed',
  'experiment.status_changed',
  'experiment.srm_detected',
  'analysis.failed',
  'expectation.changed',
  'journey.health_escalated',
  'journey.health_recovered',
];
/** The type of the event `POST /webhooks/:id/test` sends. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export type WebhookFormat = 'json' | 'slack';

export interface CreateWebhookRequest {
  url: string;
  events: WebhookEventType[];
  /** Generated when absent; shown once in the response. */
  secret?: string;
  format?: WebhookFormat;
}
export interface UpdateWebhookRequest {
  url?: string;
  events?: WebhookEventType[];
  format?: WebhookFormat;
  active?: boolean;
}
export interface Webhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  format: WebhookFormat;
  active: boolean;
  createdAt: string;
}
export interface CreatedWebhook extends Webhook {
  /** Shown this once. */
  secret: string;
}

/** The body a JSON-format receiver gets; `id` stays the same across retries. */
export interface WebhookEvent<T = Record<string, unknown>> {
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  createdAt: string;
  data: T;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  attempt: number;
  /** Null when no response came (timeout, refused connection, refused address). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  at: string;
}
