import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { HypothesisStatus, WebhookEvent, WebhookEventType } from '@verdict/shared';
import { ENV, Env } from '../config/env';
import type {
  AnalysisFailedData,
  ExpectationChangedData,
  ExperimentStatusChangedData,
  JourneyHealthData,
  SrmDetectedData,
  VerdictChangedData,
} from './webhook-payloads';

/** Notified on commit of a transaction that wrote an event; the dispatcher listens (webhook-dispatcher.service.ts). */
export const WEBHOOK_EVENTS_CHANNEL = 'verdict_webhook_events';

interface HypothesisLike {
  id: string;
  title: string;
  version: number;
}
interface ExperimentLike {
  id: string;
  key: string;
  name: string;
  hypothesisId: string;
}

/**
 * Writes webhook events into the outbox with the caller's transaction: the event commits (or
 * rolls back) with the change it reports. `pg_notify` in the same transaction wakes the
 * dispatcher only once the commit happened. Services call one method per kind of change.
 */
@Injectable()
export class WebhookOutbox {
  constructor(@Inject(ENV) private readonly env: Env) {}

  /** Every hypothesis status change but its creation (nothing changed yet then). */
  async verdictChanged(
    manager: EntityManager,
    hypothesis: HypothesisLike,
    from: HypothesisStatus | null,
    change: { to: string; reason: string; actor: string; analysisId?: string | null; experimentKey?: string | null },
  ): Promise<void> {
    if (from === null) return;
    const data: VerdictChangedData = {
      hypothesis: { id: hypothesis.id, title: hypothesis.title },
      version: hypothesis.version,
      experiment: change.experimentKey ?? null,
      from,
      to: change.to,
      reason: change.reason,
      actor: change.actor,
      analysisId: change.analysisId ?? null,
      link: `${this.env.publicUrl}/hypotheses/${encodeURIComponent(hypothesis.id)}`,
    };
    await this.record(manager, 'verdict.changed', data);
  }

  async experimentStatusChanged(
    manager: EntityManager,
    experiment: ExperimentLike & { status: string },
    from: string,
    actor: string,
    reason: string | null = null,
  ): Promise<void> {
    const data: ExperimentStatusChangedData = {
      experiment: this.experimentRef(experiment),
      hypothesisId: experiment.hypothesisId,
      from,
      to: experiment.status,
      actor,
      reason,
      link: this.experimentLink(experiment.key),
    };
    await this.record(manager, 'experiment.status_changed', data);
  }

  async srmDetected(
    manager: EntityManager,
    experiment: ExperimentLike,
    analysisId: string,
    srm: { pValue: number },
    unitsPerVariant: Record<string, number>,
  ): Promise<void> {
    const data: SrmDetectedData = {
      experiment: this.experimentRef(experiment),
      analysisId,
      pValue: srm.pValue,
      unitsPerVariant,
      link: this.experimentLink(experiment.key),
    };
    await this.record(manager, 'experiment.srm_detected', data);
  }

  async analysisFailed(
    manager: EntityManager,
    experiment: ExperimentLike,
    failure: { jobId: string; attempts: number; error: string },
  ): Promise<void> {
    const data: AnalysisFailedData = { experiment: this.experimentRef(experiment), ...failure, link: this.experimentLink(experiment.key) };
    await this.record(manager, 'analysis.failed', data);
  }

  /** A cohort expectation of a hypothesis version changed its status at an analysis. */
  async expectationChanged(manager: EntityManager, hypothesis: HypothesisLike, data: Omit<ExpectationChangedData, 'hypothesis' | 'link' | 'version'> & { version: number }): Promise<void> {
    const payload: ExpectationChangedData = {
      ...data,
      hypothesis: { id: hypothesis.id, title: hypothesis.title },
      link: `${this.env.publicUrl}/hypotheses/${encodeURIComponent(hypothesis.id)}`,
    };
    await this.record(manager, 'expectation.changed', payload);
  }

  async journeyHealthEscalated(manager: EntityManager, data: Omit<JourneyHealthData, 'link'>): Promise<void> {
    await this.record(manager, 'journey.health_escalated', { ...data, link: this.healthLink(data.flow.key) });
  }

  async journeyHealthRecovered(manager: EntityManager, data: Omit<JourneyHealthData, 'link'>): Promise<void> {
    await this.record(manager, 'journey.health_recovered', { ...data, link: this.healthLink(data.flow.key) });
  }

  private healthLink(flowKey: string): string {
    return `${this.env.publicUrl}/flows/${encodeURIComponent(flowKey)}/health`;
  }

  private async record(manager: EntityManager, type: WebhookEventType, data: object): Promise<void> {
    const payload: WebhookEvent = {
      id: randomUUID(),
      type,
      createdAt: new Date().toISOString(),
      data: data as Record<string, unknown>,
    };
    // One round trip: the row, and the notification PostgreSQL sends when (if) this transaction commits.
    await manager.query(
      `WITH event AS (INSERT INTO webhook_events (id, type, payload, created_at) VALUES ($1, $2, $3, $4) RETURNING id)
       SELECT pg_notify($5, id::text) FROM event`,
      [payload.id, type, JSON.stringify(payload), payload.createdAt, WEBHOOK_EVENTS_CHANNEL],
    );
  }

  private experimentRef(experiment: ExperimentLike) {
    return { id: experiment.id, key: experiment.key, name: experiment.name };
  }

  private experimentLink(key: string): string {
    return `${this.env.publicUrl}/experiments/${encodeURIComponent(key)}`;
  }
}
