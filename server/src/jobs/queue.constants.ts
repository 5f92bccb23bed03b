import type { AnalysisTrigger } from '@verdict/shared';

// Queue and job names live here and nowhere else.
export const ANALYSIS_QUEUE = 'verdict-analysis';

export const JOB_RUN_ANALYSIS = 'run-analysis';

export type AnalysisTriggerKind = AnalysisTrigger;

export interface RunAnalysisJobData {
  experimentId: string;
  trigger: AnalysisTriggerKind;
}

/** Stable scheduler id per experiment: upserting it again never duplicates a schedule. */
export const schedulerId = (experimentId: string) => `analysis:${experimentId}`;

export const experimentIdOfScheduler = (id: string): string | null =>
  id.startsWith('analysis:') ? id.slice('analysis:'.length) : null;

// Webhook deliveries: a queue of their own, so a slow receiver never delays an analysis.
export const WEBHOOK_QUEUE = 'verdict-webhooks';
export const JOB_DELIVER_WEBHOOK = 'deliver-webhook';
export const JOB_SWEEP_WEBHOOK_OUTBOX = 'sweep-webhook-outbox';
/** Stable id of the outbox sweeper's schedule. */
export const WEBHOOK_SWEEP_SCHEDULER = 'webhook-outbox-sweep';
/** The custom backoff strategy's name (`webhook-retry.ts`). */
export const WEBHOOK_BACKOFF = 'webhook';

export interface DeliverWebhookJobData {
  eventId: string;
  subscriptionId: string;
}

// Journey health: the daily check of every flow's expectations, and checks asked for by hand.
export const JOURNEY_HEALTH_QUEUE = 'verdict-journey-health';
export const JOB_CHECK_JOURNEY_HEALTH = 'check-journey-health';
/** Stable id of the daily check's schedule. */
export const JOURNEY_HEALTH_SCHEDULER = 'journey-health-daily';
/** Every day at 06:00 UTC. */
export const JOURNEY_HEALTH_PATTERN = '0 6 * * *';

/** `flowKey` null: every flow that has expectations (the daily run). */
export interface CheckJourneyHealthJobData {
  flowKey: string | null;
}
