import type { HypothesisStatus, StatusChange } from '@verdict/shared';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { isUuid } from '../common/page-query.dto';
import type { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { HypothesisStatusChangeEntity } from './hypothesis-status-change.entity';
import { HypothesisEntity } from './hypothesis.entity';

// The writes every hypothesis service shares, inside the caller's transaction.

export interface StatusChangeInput {
  to: HypothesisStatus;
  source: StatusChange['source'];
  actor: string;
  reason: string;
  analysisId?: string | null;
  experimentKey?: string | null;
}

/** The hypothesis, locked for update until the transaction ends; 404 when there is none. */
export async function lockHypothesis(manager: EntityManager, id: string): Promise<HypothesisEntity> {
  const hypothesis = isUuid(id)
    ? await manager.findOne(HypothesisEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!hypothesis) throw new NotFoundError('hypothesis', id);
  return hypothesis;
}

/**
 * Appends an entry to the status history, at the hypothesis' current version, and its
 * `verdict.changed` webhook event to the outbox: both commit with the caller's change.
 */
export async function recordStatusChange(
  manager: EntityManager,
  hypothesis: HypothesisEntity,
  from: HypothesisStatus | null,
  change: StatusChangeInput,
  outbox: WebhookOutbox,
): Promise<void> {
  await manager.save(
    manager.create(HypothesisStatusChangeEntity, {
      hypothesisId: hypothesis.id,
      fromStatus: from,
      toStatus: change.to,
      version: hypothesis.version,
      source: change.source,
      actor: change.actor,
      reason: change.reason,
      analysisId: change.analysisId ?? null,
      experimentKey: change.experimentKey ?? null,
      at: new Date(),
    }),
  );
  await outbox.verdictChanged(manager, hypothesis, from, change);
}

/** The `hypothesis_versions` row of the hypothesis' current testable fields. */
export function versionFields(hypothesis: HypothesisEntity) {
  return {
    hypothesisId: hypothesis.id,
    version: hypothesis.version,
    statement: hypothesis.statement,
    primaryStepKey: hypothesis.primaryStepKey,
    expectedDirection: hypothesis.expectedDirection,
    minimumEffect: hypothesis.minimumEffect,
    cohortKey: hypothesis.cohortKey,
    guardrailStepKeys: hypothesis.guardrailStepKeys,
    cohortExpectations: hypothesis.cohortExpectations,
  };
}
