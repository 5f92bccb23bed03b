import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import type {
  CreateHypothesisRequest,
  Hypothesis,
  HypothesisSummary,
  Page,
  UpdateHypothesisRequest,
} from '@verdict/shared';
import { NotFoundError } from '../common/domain-error';
import { isUuid } from '../common/page-query.dto';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisExperimentsQuery } from './hypothesis-experiments.query';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { recordStatusChange, versionFields } from './hypothesis-records';
import { HypothesisExpectationChangeEntity } from './hypothesis-expectation-change.entity';
import { HypothesisStatusChangeEntity } from './hypothesis-status-change.entity';
import { HypothesisVersionEntity } from './hypothesis-version.entity';
import { HypothesisEntity } from './hypothesis.entity';
import { toHypothesis, toHypothesisSummary } from './hypothesis.mapper';
import { LatestResultsQuery } from './latest-results.query';
import { checkTestableFields, plainExpectations } from './testable-fields';
import type { ListHypothesesQueryDto } from './dto/hypothesis.dto';

/** Hypotheses written, read and listed; versions and status moves have services of their own. */
@Injectable()
export class HypothesesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(HypothesisEntity) private readonly hypotheses: Repository<HypothesisEntity>,
    @InjectRepository(HypothesisVersionEntity) private readonly versions: Repository<HypothesisVersionEntity>,
    @InjectRepository(HypothesisStatusChangeEntity)
    private readonly changes: Repository<HypothesisStatusChangeEntity>,
    @InjectRepository(HypothesisExpectationChangeEntity)
    private readonly expectationChanges: Repository<HypothesisExpectationChangeEntity>,
    private readonly experiments: HypothesisExperimentsQuery,
    private readonly latestResults: LatestResultsQuery,
    private readonly webhooks: WebhookOutbox,
  ) {}

  async create(request: CreateHypothesisRequest, actor: string): Promise<Hypothesis> {
    const cohortKey = request.cohortKey ?? null;
    const guardrailStepKeys = request.guardrailStepKeys ?? [];
    const cohortExpectations = plainExpectations(request.cohortExpectations ?? []);
    const id = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE on the flow until the hypothesis is stored: a concurrent change of its steps
      // (FOR UPDATE in FlowsService.update) waits, then sees this hypothesis, or runs first and
      // this check sees its steps.
      const flow = await manager.findOne(FlowEntity, { where: { key: request.flowKey }, lock: { mode: 'pessimistic_read' } });
      if (!flow) throw new NotFoundError('flow', request.flowKey);
      await checkTestableFields(manager, flow, request.primaryStepKey, guardrailStepKeys, cohortKey, cohortExpectations);
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
          cohortExpectations,
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
      await recordStatusChange(manager, hypothesis, null, {
        to: 'draft',
        source: 'system',
        actor,
        reason: 'created (version 1)',
      }, this.webhooks);
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
    const hypothesis = await this.findById(id);
    if (!hypothesis) throw new NotFoundError('hypothesis', id);
    const [versions, history, experiments, latest, expectationHistory] = await Promise.all([
      this.versions.find({ where: { hypothesisId: id }, order: { version: 'ASC' } }),
      this.changes.find({ where: { hypothesisId: id }, order: { at: 'ASC', id: 'ASC' } }),
      this.experiments.summaries(id),
      this.latestResults.forHypotheses([id]),
      this.expectationChanges.find({ where: { hypothesisId: id }, order: { at: 'ASC', id: 'ASC' } }),
    ]);
    return { ...toHypothesis(hypothesis, versions, history, experiments, expectationHistory), latestResult: latest.get(id) ?? null };
  }

  /** The hypothesis (with its flow), or null: experiments are created for one. */
  findById(id: string): Promise<HypothesisEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.hypotheses.findOne({ where: { id }, relations: { flow: true } });
  }

  /** One version's testable fields: an experiment's plan is computed from the version it tests. */
  findVersion(hypothesisId: string, version: number): Promise<HypothesisVersionEntity | null> {
    return this.versions.findOne({ where: { hypothesisId, version } });
  }

  async update(id: string, request: UpdateHypothesisRequest): Promise<Hypothesis> {
    const hypothesis = await this.findById(id);
    if (!hypothesis) throw new NotFoundError('hypothesis', id);
    if (request.title !== undefined) hypothesis.title = request.title;
    if (request.owner !== undefined) hypothesis.owner = request.owner;
    if (request.impact !== undefined) hypothesis.impact = request.impact;
    if (request.confidence !== undefined) hypothesis.confidence = request.confidence;
    if (request.ease !== undefined) hypothesis.ease = request.ease;
    if (request.evidence !== undefined) hypothesis.evidence = plainEvidence(request.evidence);
    await this.hypotheses.save(hypothesis);
    return this.get(id);
  }
}

function plainEvidence(evidence: CreateHypothesisRequest['evidence'] & object) {
  return evidence.map(({ kind, source, note }) => ({ kind, source, note }));
}
