import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import type {
  CreateHypothesisRequest,
  Hypothesis,
  HypothesisStatus,
  HypothesisSummary,
  OverrideVerdictRequest,
  Page,
  ReviseHypothesisRequest,
  StatusChange,
  UpdateHypothesisRequest,
  VerdictStatus,
} from '@verdict/shared';
import { ConflictError, DomainError, FieldProblem, NotFoundError } from '../common/domain-error';
import { isUuid } from '../common/page-query.dto';
import { sameValue } from '../common/same-value';
import { CohortEntity } from '../cohorts/cohort.entity';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisStatusChangeEntity } from './hypothesis-status-change.entity';
import { HypothesisVersionEntity } from './hypothesis-version.entity';
import { HypothesisEntity } from './hypothesis.entity';
import { toHypothesis, toHypothesisSummary } from './hypothesis.mapper';
import { LatestResultsQuery } from './latest-results.query';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import type { ListHypothesesQueryDto } from './dto/hypothesis.dto';

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

const ACTIVE_EXPERIMENT_STATUSES = ['running', 'paused'] as const;

interface StatusChangeInput {
  to: HypothesisStatus;
  source: StatusChange['source'];
  actor: string;
  reason: string;
  analysisId?: string | null;
  experimentKey?: string | null;
}

@Injectable()
export class HypothesesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(HypothesisEntity) private readonly hypotheses: Repository<HypothesisEntity>,
    @InjectRepository(HypothesisVersionEntity) private readonly versions: Repository<HypothesisVersionEntity>,
    @InjectRepository(HypothesisStatusChangeEntity)
    private readonly changes: Repository<HypothesisStatusChangeEntity>,
    @InjectRepository(ExperimentEntity) private readonly experiments: Repository<ExperimentEntity>,
    private readonly latestResults: LatestResultsQuery,
    private readonly webhooks: WebhookOutbox,
  ) {}

  async create(request: CreateHypothesisRequest, actor: string): Promise<Hypothesis> {
    const cohortKey = request.cohortKey ?? null;
    const guardrailStepKeys = request.guardrailStepKeys ?? [];
    const id = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE on the flow until the hypothesis is stored: a concurrent change of its steps
      // (FOR UPDATE in FlowsService.update) waits, then sees this hypothesis, or runs first and
      // this check sees its steps.
      const flow = await manager.findOne(FlowEntity, { where: { key: request.flowKey }, lock: { mode: 'pessimistic_read' } });
      if (!flow) throw new NotFoundError('flow', request.flowKey);
      await this.checkTestableFields(flow, request.primaryStepKey, guardrailStepKeys, cohortKey);
      const hypothesis = await manager.save(
        manager.create(HypothesisEntity, {
          title: request.title,
          metricArea: request.metricArea,
          flowId: flow.id,
          version: 1,
          status: 'draft',
          statement: request.statement,
          primaryStepKey: request.primaryStepKey,
          expectedDirection: request.expectedDirection,
          minimumEffect: request.minimumEffect,
          cohortKey,
          guardrailStepKeys,
          impact: request.impact,
          confidence: request.confidence,
          ease: request.ease,
          owner: request.owner ?? actor,
          evidence: plainEvidence(request.evidence ?? []),
          computedVerdict: null,
          manualVerdict: null,
        }),
      );
      await manager.save(manager.create(HypothesisVersionEntity, { ...versionFields(hypothesis), note: null }));
      await this.recordChange(manager, hypothesis, null, {
        to: 'draft',
        source: 'system',
        actor,
        reason: 'created (version 1)',
      });
      return hypothesis.id;
    });
    return this.get(id);
  }

  async list(query: ListHypothesesQueryDto): Promise<Page<HypothesisSummary>> {
    const where: FindOptionsWhere<HypothesisEntity> = {};
    if (query.status) where.status = query.status;
    if (query.metricArea) where.metricArea = query.metricArea;
    if (query.owner !== undefined) where.owner = query.owner;
    if (query.flowKey) where.flow = { key: query.flowKey };
    const [rows, total] = await this.hypotheses.findAndCount({
      where,
      relations: { flow: true },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const latest = await this.latestResults.forHypotheses(rows.map((row) => row.id));
    return {
      items: rows.map((row) => ({ ...toHypothesisSummary(row), latestResult: latest.get(row.id) ?? null })),
      total,
    };
  }

  async get(id: string): Promise<Hypothesis> {
    const hypothesis = await this.requireEntity(id);
    const [versions, history, experiments, latest] = await Promise.all([
      this.versions.find({ where: { hypothesisId: id }, order: { version: 'ASC' } }),
      this.changes.find({ where: { hypothesisId: id }, order: { at: 'ASC', id: 'ASC' } }),
      this.experiments.find({ where: { hypothesisId: id }, order: { createdAt: 'ASC' } }),
      this.latestResults.forHypotheses([id]),
    ]);
    return { ...toHypothesis(hypothesis, versions, history, experiments), latestResult: latest.get(id) ?? null };
  }

  /** The hypothesis entity (with its flow), or null. For other modules. */
  findById(id: string): Promise<HypothesisEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.hypotheses.findOne({ where: { id }, relations: { flow: true } });
  }

  /** One version's testable fields (the analysis reads the version its experiment tested). */
  findVersion(hypothesisId: string, version: number): Promise<HypothesisVersionEntity | null> {
    return this.versions.findOne({ where: { hypothesisId, version } });
  }

  async update(id: string, request: UpdateHypothesisRequest): Promise<Hypothesis> {
    const hypothesis = await this.requireEntity(id);
    if (request.title !== undefined) hypothesis.title = request.title;
    if (request.owner !== undefined) hypothesis.owner = request.owner;
    if (request.impact !== undefined) hypothesis.impact = request.impact;
    if (request.confidence !== undefined) hypothesis.confidence = request.confidence;
    if (request.ease !== undefined) hypothesis.ease = request.ease;
    if (request.evidence !== undefined) hypothesis.evidence = plainEvidence(request.evidence);
    await this.hypotheses.save(hypothesis);
    return this.get(id);
  }

  /** A revision: version n+1 with the changed testable fields, status back to draft. */
  async revise(id: string, request: ReviseHypothesisRequest, actor: string): Promise<Hypothesis> {
    await this.dataSource.transaction(async (manager) => {
      const hypothesis = await this.lockEntity(manager, id);
      if (hypothesis.status === 'archived') throw new ConflictError('an archived hypothesis cannot be revised', 'archived');
      const active = await manager.count(ExperimentEntity, {
        where: ACTIVE_EXPERIMENT_STATUSES.map((status) => ({ hypothesisId: id, status })),
      });
      if (active > 0) {
        throw new ConflictError('stop the running experiment before revising its hypothesis', 'experiment_active');
      }
      const next = {
        statement: request.statement ?? hypothesis.statement,
        primaryStepKey: request.primaryStepKey ?? hypothesis.primaryStepKey,
        expectedDirection: request.expectedDirection ?? hypothesis.expectedDirection,
        minimumEffect: request.minimumEffect ?? hypothesis.minimumEffect,
        cohortKey: request.cohortKey === undefined ? hypothesis.cohortKey : request.cohortKey,
        guardrailStepKeys: request.guardrailStepKeys ?? hypothesis.guardrailStepKeys,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
        (field) => !sameValue(next[field], hypothesis[field]),
      );
      if (changed.length === 0) {
        throw new DomainError(400, 'invalid', 'a revision must change at least one testable field', [
          { field: 'body', reason: 'changes no testable field (statement, primaryStepKey, expectedDirection, minimumEffect, cohortKey, guardrailStepKeys)' },
        ]);
      }
      // FOR SHARE: the flow's steps cannot change until this version is stored (see create).
      const flow = await manager.findOneOrFail(FlowEntity, { where: { id: hypothesis.flowId }, lock: { mode: 'pessimistic_read' } });
      await this.checkTestableFields(flow, next.primaryStepKey, next.guardrailStepKeys, next.cohortKey);

      const from = hypothesis.status;
      Object.assign(hypothesis, next, { version: hypothesis.version + 1, status: 'draft' as const });
      await manager.save(hypothesis);
      await manager.save(
        manager.create(HypothesisVersionEntity, { ...versionFields(hypothesis), note: request.note ?? null }),
      );
      await this.recordChange(manager, hypothesis, from, {
        to: 'draft',
        source: 'system',
        actor,
        reason: `revised to version ${hypothesis.version} (${changed.join(', ')})${request.note ? `: ${request.note}` : ''}`,
      });
    });
    return this.get(id);
  }

  /** A person's verdict for the current version: it wins over computed verdicts until the next version. */
  async overrideVerdict(id: string, request: OverrideVerdictRequest, actor: string): Promise<Hypothesis> {
    await this.dataSource.transaction(async (manager) => {
      const hypothesis = await this.lockEntity(manager, id);
      if (hypothesis.status === 'archived') {
        throw new ConflictError('an archived hypothesis takes no verdict', 'archived');
      }
      const from = hypothesis.status;
      hypothesis.manualVerdict = {
        version: hypothesis.version,
        status: request.status,
        note: request.note,
        actor,
        at: new Date().toISOString(),
      };
      hypothesis.status = request.status;
      await manager.save(hypothesis);
      await this.recordChange(manager, hypothesis, from, {
        to: request.status,
        source: 'manual',
        actor,
        reason: request.note,
      });
    });
    return this.get(id);
  }

  async archive(id: string, actor: string, note?: string): Promise<Hypothesis> {
    await this.dataSource.transaction(async (manager) => {
      const hypothesis = await this.lockEntity(manager, id);
      if (hypothesis.status === 'archived') throw new ConflictError('the hypothesis is already archived', 'archived');
      const from = hypothesis.status;
      hypothesis.status = 'archived';
      await manager.save(hypothesis);
      await this.recordChange(manager, hypothesis, from, {
        to: 'archived',
        source: 'manual',
        actor,
        reason: note || 'archived',
      });
    });
    return this.get(id);
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
    const hypothesis = await this.lockEntity(manager, hypothesisId);
    if (hypothesis.status === 'archived') {
      throw new ConflictError('the hypothesis is archived: its experiments cannot start', 'archived');
    }
    if (hypothesis.version !== version) {
      throw new ConflictError(
        `the experiment tests version ${version} but the hypothesis is at version ${hypothesis.version}: create an experiment for the current version`,
        'stale_version',
      );
    }
    if (hypothesis.status === 'running' || hypothesis.manualVerdict?.version === version) return;
    const from = hypothesis.status;
    hypothesis.status = 'running';
    await manager.save(hypothesis);
    await this.recordChange(manager, hypothesis, from, {
      to: 'running',
      source: 'experiment',
      actor,
      reason: `experiment "${experimentKey}" started`,
      experimentKey,
    });
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
    const to: HypothesisStatus = input.status === 'blocked' ? 'running' : input.status;
    const overridden = hypothesis.manualVerdict?.version === input.version;
    const from = hypothesis.status;
    const change = to !== from && from !== 'archived' && !overridden;
    if (change) hypothesis.status = to;
    await manager.save(hypothesis);
    if (change) {
      await this.recordChange(manager, hypothesis, from, {
        to,
        source: 'analysis',
        actor: 'analysis',
        reason: input.reason,
        analysisId: input.analysisId,
        experimentKey: input.experimentKey,
      });
    }
    return change;
  }

  private async requireEntity(id: string): Promise<HypothesisEntity> {
    const hypothesis = await this.findById(id);
    if (!hypothesis) throw new NotFoundError('hypothesis', id);
    return hypothesis;
  }

  private async lockEntity(manager: EntityManager, id: string): Promise<HypothesisEntity> {
    const hypothesis = isUuid(id)
      ? await manager.findOne(HypothesisEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!hypothesis) throw new NotFoundError('hypothesis', id);
    return hypothesis;
  }

  private async recordChange(
    manager: EntityManager,
    hypothesis: HypothesisEntity,
    from: HypothesisStatus | null,
    change: StatusChangeInput,
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
    // Webhooks: the `verdict.changed` event commits with this change (outbox).
    await this.webhooks.verdictChanged(manager, hypothesis, from, change);
  }

  /** Steps must belong to the flow; the audience cohort must exist. */
  private async checkTestableFields(
    flow: FlowEntity,
    primaryStepKey: string,
    guardrailStepKeys: string[],
    cohortKey: string | null,
  ): Promise<void> {
    const stepKeys = new Set(flow.steps.map((step) => step.key));
    const problems: FieldProblem[] = [];
    if (!stepKeys.has(primaryStepKey)) {
      problems.push({ field: 'primaryStepKey', reason: `is not a step of flow "${flow.key}"` });
    }
    guardrailStepKeys.forEach((key, i) => {
      const field = `guardrailStepKeys[${i}]`;
      if (!stepKeys.has(key)) problems.push({ field, reason: `is not a step of flow "${flow.key}"` });
      else if (key === primaryStepKey) problems.push({ field, reason: 'is the primary step' });
      else if (guardrailStepKeys.indexOf(key) !== i) problems.push({ field, reason: 'is listed twice' });
    });
    if (problems.length > 0) {
      throw new DomainError(400, 'invalid', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    }
    if (cohortKey !== null) {
      const cohort = await this.dataSource.getRepository(CohortEntity).findOne({ where: { key: cohortKey } });
      if (!cohort) throw new NotFoundError('cohort', cohortKey);
    }
  }
}

function versionFields(hypothesis: HypothesisEntity) {
  return {
    hypothesisId: hypothesis.id,
    version: hypothesis.version,
    statement: hypothesis.statement,
    primaryStepKey: hypothesis.primaryStepKey,
    expectedDirection: hypothesis.expectedDirection,
    minimumEffect: hypothesis.minimumEffect,
    cohortKey: hypothesis.cohortKey,
    guardrailStepKeys: hypothesis.guardrailStepKeys,
  };
}

function plainEvidence(evidence: CreateHypothesisRequest['evidence'] & object) {
  return evidence.map(({ kind, source, note }) => ({ kind, source, note }));
}
