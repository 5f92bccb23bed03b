import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExpectationResult, ExpectationStatus, OverrideVerdictRequest, VerdictStatus } from '@verdict/shared';
import { DataSource, EntityManager } from 'typeorm';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { lockHypothesis, recordStatusChange } from './hypothesis-records';
import { nextStatus } from './hypothesis-status.rules';
import { HypothesisExpectationChangeEntity } from './hypothesis-expectation-change.entity';
import { HypothesisEntity } from './hypothesis.entity';

/** One cohort expectation whose status an analysis changed. */
export interface ExpectationChangeInput {
  hypothesisId: string;
  version: number;
  analysisId: string;
  experimentKey: string;
  from: ExpectationStatus | null;
  expectation: ExpectationResult;
}

/** What the analysis job reports after each analysis (see `applyComputedVerdict`). */
export interface ComputedVerdictInput {
  hypothesisId: string;
  /** The hypothesis version the experiment tested (`experiment.hypothesisVersion`). */
  version: number;
  status: VerdictStatus;
  reason: string;
  analysisId: string;
  experimentKey: string;
}

/**
 * Moves a hypothesis' status by the rule of `hypothesis-status.rules.ts`, each move with its
 * entry in the history: a person's verdict, archiving, an experiment's start, an analysis' verdict.
 */
@Injectable()
export class HypothesisStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** A person's verdict for the current version: it wins over computed verdicts until the next version. */
  async overrideVerdict(id: string, request: OverrideVerdictRequest, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const hypothesis = await lockHypothesis(manager, id);
      const from = hypothesis.status;
      const to = nextStatus(state(hypothesis), { kind: 'override', status: request.status })!;
      hypothesis.manualVerdict = {
        version: hypothesis.version,
        status: request.status,
        note: request.note,
        actor,
        at: new Date().toISOString(),
      };
      hypothesis.status = to;
      await manager.save(hypothesis);
      await recordStatusChange(manager, hypothesis, from, { to, source: 'manual', actor, reason: request.note }, this.webhooks);
    });
  }

  async archive(id: string, actor: string, note?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const hypothesis = await lockHypothesis(manager, id);
      const from = hypothesis.status;
      const to = nextStatus(state(hypothesis), { kind: 'archive' })!;
      hypothesis.status = to;
      await manager.save(hypothesis);
      await recordStatusChange(manager, hypothesis, from, { to, source: 'manual', actor, reason: note || 'archived' }, this.webhooks);
    });
  }

  /**
   * Called by ExperimentsService inside its start transaction: the hypothesis must still be at
   * the version the experiment tests and not archived (409 otherwise); it moves to `running`
   * unless it already is, or a person's verdict holds for this version.
   */
  async markRunning(
    manager: EntityManager,
    hypothesisId: string,
    version: number,
    experimentKey: string,
    actor: string,
  ): Promise<void> {
    const hypothesis = await lockHypothesis(manager, hypothesisId);
    const to = nextStatus(state(hypothesis), { kind: 'start_experiment', version });
    if (to === null) return;
    const from = hypothesis.status;
    hypothesis.status = to;
    await manager.save(hypothesis);
    await recordStatusChange(manager, hypothesis, from, {
      to,
      source: 'experiment',
      actor,
      reason: `experiment "${experimentKey}" started`,
      experimentKey,
    }, this.webhooks);
  }

  /**
   * The analysis job calls this after every successful analysis:
   *
   *   applyComputedVerdict({hypothesisId, version, status, reason, analysisId, experimentKey}): Promise<boolean>
   *
   * - ignored (returns false) when the hypothesis has moved to a newer version than `version`;
   * - otherwise the computed verdict is stored for that version (shown as `computedVerdict`);
   * - the status changes (with a history entry, source `analysis`) only when it differs, the
   *   hypothesis is not archived, and no person's verdict holds for this version (a manual
   *   override wins; the computed one stays visible beside it). `running` and `blocked` map to
   *   the status `running`. Returns true when the status changed.
   *
   * Pass the caller's transaction as `manager` to make the verdict commit (or roll back) with
   * the analysis that produced it; without one it runs in a transaction of its own.
   */
  async applyComputedVerdict(input: ComputedVerdictInput, manager?: EntityManager): Promise<boolean> {
    if (!manager) return this.dataSource.transaction((own) => this.applyComputedVerdict(input, own));
    const hypothesis = await manager.findOne(HypothesisEntity, {
      where: { id: input.hypothesisId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!hypothesis || hypothesis.version !== input.version) return false;
    hypothesis.computedVerdict = {
      version: input.version,
      status: input.status,
      reason: input.reason,
      analysisId: input.analysisId,
      experimentKey: input.experimentKey,
      at: new Date().toISOString(),
    };
    const from = hypothesis.status;
    const to = nextStatus(state(hypothesis), { kind: 'computed_verdict', status: input.status });
    if (to !== null) hypothesis.status = to;
    await manager.save(hypothesis);
    if (to === null) return false;
    await recordStatusChange(manager, hypothesis, from, {
      to,
      source: 'analysis',
      actor: 'analysis',
      reason: input.reason,
      analysisId: input.analysisId,
      experimentKey: input.experimentKey,
    }, this.webhooks);
    return true;
  }

  /**
   * The cohort expectations an analysis moved: each change goes into the hypothesis' expectation
   * history with its `expectation.changed` webhook event, in the analysis' transaction. They
   * never touch the hypothesis' own status.
   */
  async recordExpectationChanges(manager: EntityManager, changes: ExpectationChangeInput[]): Promise<void> {
    if (changes.length === 0) return;
    const hypothesis = await manager.findOneByOrFail(HypothesisEntity, { id: changes[0].hypothesisId });
    for (const change of changes) {
      const { expectation } = change;
      await manager.insert(HypothesisExpectationChangeEntity, {
        hypothesisId: change.hypothesisId,
        version: change.version,
        cohortKey: expectation.cohortKey,
        stepKey: expectation.stepKey,
        direction: expectation.direction,
        fromStatus: change.from,
        toStatus: expectation.status,
        reason: expectation.reason,
        analysisId: change.analysisId,
        experimentKey: change.experimentKey,
        at: new Date(),
      });
      await this.webhooks.expectationChanged(manager, hypothesis, {
        version: change.version,
        experiment: change.experimentKey,
        cohortKey: expectation.cohortKey,
        stepKey: expectation.stepKey,
        direction: expectation.direction,
        from: change.from,
        to: expectation.status,
        reason: expectation.reason,
        analysisId: change.analysisId,
      });
    }
  }
}

function state(hypothesis: HypothesisEntity) {
  return {
    status: hypothesis.status,
    version: hypothesis.version,
    manualVerdictVersion: hypothesis.manualVerdict?.version ?? null,
  };
}
