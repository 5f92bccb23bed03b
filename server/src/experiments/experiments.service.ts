import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, In, Not, Repository } from 'typeorm';
import { EXPERIMENT_DEFAULTS } from '@verdict/shared';
import type { CreateExperimentRequest, Experiment, Page, UpdateExperimentRequest, VarianceReduction } from '@verdict/shared';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { isUniqueViolation } from '../common/keys';
import { sameValue } from '../common/same-value';
import { CohortsService } from '../cohorts/cohorts.service';
import { HypothesesService } from '../hypotheses/hypotheses.service';
import { HypothesisStatusService } from '../hypotheses/hypothesis-status.service';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';
import type { ListExperimentsQueryDto } from './dto/experiment.dto';
import { checkForcedVariants, checkVariants, samplePlan } from './experiment-rules';
import { ExperimentEntity } from './experiment.entity';
import { toExperiment } from './experiment.mapper';
import { FlowHistoryQuery } from './flow-history.query';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';

/** A requested varianceReduction with the lookback it leaves out taken from `current`. */
function withDefaults(request: CreateExperimentRequest['varianceReduction'], current: VarianceReduction): VarianceReduction {
  return { method: request?.method ?? current.method, lookbackDays: request?.lookbackDays ?? current.lookbackDays };
}

/** Fixed once the experiment has run: changing them would mix two designs in one analysis. */
const FROZEN_FIELDS = ['variants', 'seed', 'method', 'alpha', 'power', 'baselineRate', 'plannedSampleSize'] as const;

@Injectable()
export class ExperimentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ExperimentEntity) private readonly experiments: Repository<ExperimentEntity>,
    private readonly hypotheses: HypothesesService,
    private readonly statuses: HypothesisStatusService,
    private readonly cohorts: CohortsService,
    private readonly queue: AnalysisQueueService,
    private readonly history: FlowHistoryQuery,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** CUPED's expected reduction on the primary step from the flow's own history (0 without CUPED). */
  private expectedReduction(flowId: string, primaryStepKey: string, reduction: VarianceReduction): Promise<number> {
    if (reduction.method !== 'cuped') return Promise.resolve(0);
    return this.history.expectedVarianceReduction({
      flowId,
      stepKey: primaryStepKey,
      lookbackDays: reduction.lookbackDays,
      now: new Date(),
    });
  }

  async create(request: CreateExperimentRequest): Promise<Experiment> {
    const hypothesis = await this.hypotheses.findById(request.hypothesisId);
    if (!hypothesis) throw new NotFoundError('hypothesis', request.hypothesisId);
    if (hypothesis.status === 'archived') {
      throw new ConflictError('the hypothesis is archived: it takes no new experiments', 'archived');
    }
    const variants = checkVariants(request.variants);
    const forcedVariants = checkForcedVariants(request.forcedVariants ?? {}, variants);
    // Targeting defaults to the hypothesis' audience: the version claims something about that cohort.
    const targetCohortKeys = [...new Set(request.targetCohortKeys ?? (hypothesis.cohortKey ? [hypothesis.cohortKey] : []))];
    await this.cohorts.requireKeys(targetCohortKeys);
    const alpha = request.alpha ?? EXPERIMENT_DEFAULTS.alpha;
    const power = request.power ?? EXPERIMENT_DEFAULTS.power;
    const method = request.method ?? EXPERIMENT_DEFAULTS.method;
    const varianceReduction = withDefaults(request.varianceReduction, EXPERIMENT_DEFAULTS.varianceReduction);
    const expectedVarianceReduction = await this.expectedReduction(hypothesis.flowId, hypothesis.primaryStepKey, varianceReduction);
    // Computed even when given, so an impossible plan is refused either way.
    const plan = samplePlan({
      baselineRate: request.baselineRate,
      minimumEffect: hypothesis.minimumEffect,
      direction: hypothesis.expectedDirection,
      alpha,
      power,
      variants,
      method,
      expectedVarianceReduction,
    });
    try {
      const saved = await this.experiments.save(
        this.experiments.create({
          key: request.key,
          name: request.name,
          hypothesisId: hypothesis.id,
          hypothesisVersion: hypothesis.version,
          flowId: hypothesis.flowId,
          status: 'draft',
          variants,
          coverage: request.coverage ?? EXPERIMENT_DEFAULTS.coverage,
          seed: request.seed ?? request.key,
          targetCohortKeys,
          alpha,
          power,
          method,
          baselineRate: request.baselineRate,
          plannedSampleSize: request.plannedSampleSize ?? plan.plannedSampleSize,
          plannedSampleSizeWithout: plan.plannedSampleSizeWithout,
          varianceReductionMethod: varianceReduction.method,
          lookbackDays: varianceReduction.lookbackDays,
          expectedVarianceReduction,
          analysisIntervalMinutes: request.analysisIntervalMinutes ?? EXPERIMENT_DEFAULTS.analysisIntervalMinutes,
          forcedVariants,
        }),
      );
      return this.get(saved.key);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`experiment "${request.key}" already exists`, 'duplicate_key');
      throw error;
    }
  }

  async list(query: ListExperimentsQueryDto): Promise<Page<Experiment>> {
    const where: FindOptionsWhere<ExperimentEntity> = {};
    if (query.status) where.status = query.status;
    if (query.hypothesisId) where.hypothesisId = query.hypothesisId;
    const [rows, total] = await this.experiments.findAndCount({
      where,
      relations: { flow: true },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toExperiment), total };
  }

  async get(key: string): Promise<Experiment> {
    const experiment = await this.experiments.findOne({ where: { key }, relations: { flow: true } });
    if (!experiment) throw new NotFoundError('experiment', key);
    return toExperiment(experiment);
  }

  async update(key: string, request: UpdateExperimentRequest): Promise<Experiment> {
    await this.dataSource.transaction(async (manager) => {
      const experiment = await this.lock(manager, key);
      if (experiment.status === 'stopped') {
        const other = Object.entries(request).filter(([field, value]) => value !== undefined && field !== 'name');
        if (other.length > 0) {
          throw new ConflictError(`experiment "${key}" is stopped: only its name may change`, 'experiment_stopped');
        }
      }
      const variants = request.variants !== undefined ? checkVariants(request.variants) : experiment.variants;

      if (experiment.status !== 'draft') {
        for (const field of FROZEN_FIELDS) {
          const next = field === 'variants' ? variants : request[field];
          if (next !== undefined && !sameValue(next, experiment[field])) {
            throw new ConflictError(`${field} is frozen once the experiment has started`, 'frozen_field');
          }
        }
        const reduction = { method: experiment.varianceReductionMethod, lookbackDays: experiment.lookbackDays };
        if (request.varianceReduction !== undefined && !sameValue(withDefaults(request.varianceReduction, reduction), reduction)) {
          throw new ConflictError('varianceReduction is frozen once the experiment has started', 'frozen_field');
        }
        if (request.coverage !== undefined && request.coverage < experiment.coverage) {
          throw new ConflictError(
            `coverage may only grow once started (from ${experiment.coverage}, got ${request.coverage})`,
            'coverage_shrinks',
          );
        }
      }

      if (request.name !== undefined) experiment.name = request.name;
      if (request.coverage !== undefined) experiment.coverage = request.coverage;
      if (request.targetCohortKeys !== undefined) {
        const keys = [...new Set(request.targetCohortKeys)];
        await this.cohorts.requireKeys(keys);
        experiment.targetCohortKeys = keys;
      }
      if (request.forcedVariants !== undefined || request.variants !== undefined) {
        experiment.forcedVariants = checkForcedVariants(request.forcedVariants ?? experiment.forcedVariants, variants);
      }
      const intervalChanged =
        request.analysisIntervalMinutes !== undefined &&
        request.analysisIntervalMinutes !== experiment.analysisIntervalMinutes;
      if (request.analysisIntervalMinutes !== undefined) {
        experiment.analysisIntervalMinutes = request.analysisIntervalMinutes;
      }

      if (experiment.status === 'draft') {
        experiment.variants = variants;
        if (request.seed !== undefined) experiment.seed = request.seed;
        if (request.method !== undefined) experiment.method = request.method;
        if (request.alpha !== undefined) experiment.alpha = request.alpha;
        if (request.power !== undefined) experiment.power = request.power;
        if (request.baselineRate !== undefined) experiment.baselineRate = request.baselineRate;
        if (request.varianceReduction !== undefined) {
          const next = withDefaults(request.varianceReduction, { method: experiment.varianceReductionMethod, lookbackDays: experiment.lookbackDays });
          experiment.varianceReductionMethod = next.method;
          experiment.lookbackDays = next.lookbackDays;
        }
        const planChanged = ['variants', 'alpha', 'power', 'baselineRate', 'method', 'varianceReduction'].some(
          (field) => request[field as keyof UpdateExperimentRequest] !== undefined,
        );
        if (request.plannedSampleSize !== undefined || planChanged) {
          const version = await this.hypotheses.findVersion(experiment.hypothesisId, experiment.hypothesisVersion);
          experiment.expectedVarianceReduction = await this.expectedReduction(experiment.flowId, version!.primaryStepKey, {
            method: experiment.varianceReductionMethod,
            lookbackDays: experiment.lookbackDays,
          });
          const plan = samplePlan({
            baselineRate: experiment.baselineRate,
            minimumEffect: version!.minimumEffect,
            direction: version!.expectedDirection,
            alpha: experiment.alpha,
            power: experiment.power,
            variants: experiment.variants,
            method: experiment.method,
            expectedVarianceReduction: experiment.expectedVarianceReduction,
          });
          experiment.plannedSampleSize = request.plannedSampleSize ?? plan.plannedSampleSize;
          experiment.plannedSampleSizeWithout = plan.plannedSampleSizeWithout;
        }
      }
      await manager.save(experiment);
      if (intervalChanged && experiment.status === 'running') {
        await this.queue.schedule(experiment.id, experiment.analysisIntervalMinutes);
      }
    });
    return this.get(key);
  }

  /** draft → running, or paused → running (resume). Schedules the analyses; the hypothesis moves to running. */
  async start(key: string, actor: string): Promise<Experiment> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const experiment = await this.lock(manager, key);
        if (experiment.status !== 'draft' && experiment.status !== 'paused') {
          throw new ConflictError(`cannot start an experiment that is ${experiment.status}`, 'invalid_transition');
        }
        const from = experiment.status;
        if (experiment.status === 'draft') {
          const other = await manager.findOne(ExperimentEntity, {
            where: { hypothesisId: experiment.hypothesisId, status: In(['running', 'paused']), id: Not(experiment.id) },
          });
          if (other) {
            throw new ConflictError(
              `experiment "${other.key}" of the same hypothesis is ${other.status}: one runs at a time`,
              'hypothesis_busy',
            );
          }
          await this.statuses.markRunning(manager, experiment.hypothesisId, experiment.hypothesisVersion, key, actor);
          experiment.startedAt = new Date();
        }
        experiment.status = 'running';
        await manager.save(experiment);
        await this.webhooks.experimentStatusChanged(manager, experiment, from, actor); // webhooks: outbox event
        // Last, so that a Redis failure rolls the start back instead of leaving it unscheduled.
        await this.queue.schedule(experiment.id, experiment.analysisIntervalMinutes);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('another experiment of the same hypothesis is running: one runs at a time', 'hypothesis_busy');
      }
      throw error;
    }
    return this.get(key);
  }

  /** running → paused: assignments stop, analyses stop until resumed. */
  async pause(key: string, actor: string): Promise<Experiment> {
    await this.dataSource.transaction(async (manager) => {
      const experiment = await this.lock(manager, key);
      if (experiment.status !== 'running') {
        throw new ConflictError(`cannot pause an experiment that is ${experiment.status}`, 'invalid_transition');
      }
      experiment.status = 'paused';
      await manager.save(experiment);
      await this.webhooks.experimentStatusChanged(manager, experiment, 'running', actor); // webhooks: outbox event
      await this.queue.unschedule(experiment.id);
    });
    return this.get(key);
  }

  /** running | paused → stopped, for good. One final analysis runs (it decides inconclusive when nothing was reached). */
  async stop(key: string, actor: string, reason?: string): Promise<Experiment> {
    const id = await this.dataSource.transaction(async (manager) => {
      const experiment = await this.lock(manager, key);
      if (experiment.status !== 'running' && experiment.status !== 'paused') {
        throw new ConflictError(`cannot stop an experiment that is ${experiment.status}`, 'invalid_transition');
      }
      const from = experiment.status;
      experiment.status = 'stopped';
      experiment.stoppedAt = new Date();
      experiment.stoppedBy = actor;
      experiment.stopReason = reason ?? null;
      await manager.save(experiment);
      await this.webhooks.experimentStatusChanged(manager, experiment, from, actor, reason ?? null); // webhooks: outbox event
      await this.queue.unschedule(experiment.id);
      return experiment.id;
    });
    // After the commit, so that the final run sees the experiment stopped.
    await this.queue.enqueue(id, 'final');
    return this.get(key);
  }

  private async lock(manager: EntityManager, key: string): Promise<ExperimentEntity> {
    const experiment = await manager.findOne(ExperimentEntity, { where: { key }, lock: { mode: 'pessimistic_write' } });
    if (!experiment) throw new NotFoundError('experiment', key);
    return experiment;
  }
}
