import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReviseHypothesisRequest } from '@verdict/shared';
import { DataSource } from 'typeorm';
import { ConflictError, InvalidFieldError } from '../common/domain-error';
import { sameValue } from '../common/same-value';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisExperimentsQuery } from './hypothesis-experiments.query';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { lockHypothesis, recordStatusChange, versionFields } from './hypothesis-records';
import { nextStatus } from './hypothesis-status.rules';
import { HypothesisVersionEntity } from './hypothesis-version.entity';
import { checkTestableFields, plainExpectations } from './testable-fields';

/** Versioning: a revision writes version n+1 of the testable fields and sends the hypothesis back to draft. */
@Injectable()
export class HypothesisRevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: HypothesisExperimentsQuery,
    private readonly webhooks: WebhookOutbox,
  ) {}

  async revise(id: string, request: ReviseHypothesisRequest, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const hypothesis = await lockHypothesis(manager, id);
      const to = nextStatus(
        { status: hypothesis.status, version: hypothesis.version, manualVerdictVersion: hypothesis.manualVerdict?.version ?? null },
        { kind: 'revise' },
      )!;
      if ((await this.experiments.countActive(manager, id)) > 0) {
        throw new ConflictError('stop the running experiment before revising its hypothesis', 'experiment_active');
      }
      const next = {
        statement: request.statement ?? hypothesis.statement,
        primaryStepKey: request.primaryStepKey ?? hypothesis.primaryStepKey,
        expectedDirection: request.expectedDirection ?? hypothesis.expectedDirection,
        minimumEffect: request.minimumEffect ?? hypothesis.minimumEffect,
        cohortKey: request.cohortKey === undefined ? hypothesis.cohortKey : request.cohortKey,
        guardrailStepKeys: request.guardrailStepKeys ?? hypothesis.guardrailStepKeys,
        cohortExpectations: request.cohortExpectations ? plainExpectations(request.cohortExpectations) : hypothesis.cohortExpectations,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
        (field) => !sameValue(next[field], hypothesis[field]),
      );
      if (changed.length === 0) {
        throw new InvalidFieldError(
          [{ field: 'body', reason: 'changes no testable field (statement, primaryStepKey, expectedDirection, minimumEffect, cohortKey, guardrailStepKeys, cohortExpectations)' }],
          'a revision must change at least one testable field',
        );
      }
      // FOR SHARE: the flow's steps cannot change until this version is stored (see HypothesesService.create).
      const flow = await manager.findOneOrFail(FlowEntity, { where: { id: hypothesis.flowId }, lock: { mode: 'pessimistic_read' } });
      await checkTestableFields(manager, flow, next.primaryStepKey, next.guardrailStepKeys, next.cohortKey, next.cohortExpectations);

      const from = hypothesis.status;
      Object.assign(hypothesis, next, { version: hypothesis.version + 1, status: to });
      await manager.save(hypothesis);
      await manager.save(
        manager.create(HypothesisVersionEntity, { ...versionFields(hypothesis), note: request.note ?? null }),
      );
      await recordStatusChange(manager, hypothesis, from, {
        to,
        source: 'system',
        actor,
        reason: `revised to version ${hypothesis.version} (${changed.join(', ')})${request.note ? `: ${request.note}` : ''}`,
      }, this.webhooks);
    });
  }
}
