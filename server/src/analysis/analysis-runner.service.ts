import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { analyse, type AnalysisPlan, type Results } from '@verdict/shared';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisVersionEntity } from '../hypotheses/hypothesis-version.entity';
import { HypothesisStatusService } from '../hypotheses/hypothesis-status.service';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';
import type { AnalysisTriggerKind } from '../jobs/queue.constants';
import { AnalysesQuery } from './analyses.query';
import { AnalysisEntity } from './analysis.entity';
import { StepMetricsQuery } from './step-metrics.query';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';

export interface AnalysisRunRequest {
  jobId: string;
  experimentId: string;
  trigger: AnalysisTriggerKind;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows if this attempt fails (webhooks report the failure then). */
  lastAttempt?: boolean;
}

export type AnalysisRunOutcome =
  | { kind: 'analysed'; analysisId: string }
  | { kind: 'skipped'; reason: string };

/** Another run of the same experiment holds its lock: try again shortly, it is no failure. */
export class AnalysisBusyError extends Error {
  constructor(experimentId: string) {
    super(`an analysis of experiment ${experimentId} is already running`);
  }
}

/** The experiment is gone: retrying cannot help. */
export class AnalysisGoneError extends Error {}

/**
 * Runs one analysis job end to end. It reads and computes first and writes at the end: the
 * analysis row, keyed by the job id, in one transaction, so a run killed mid-way leaves
 * nothing and its retry leaves exactly one analysis. A PostgreSQL
 * advisory lock per experiment, taken in that transaction, keeps two workers (on any number of
 * machines) from analysing one experiment at once; it is released by commit, rollback or a
 * dropped connection, so a crashed worker never leaves it held.
 */
@Injectable()
export class AnalysisRunner {
  private readonly logger = new Logger(AnalysisRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analyses: AnalysesQuery,
    private readonly stepMetrics: StepMetricsQuery,
    private readonly hypotheses: HypothesisStatusService,
    private readonly queue: AnalysisQueueService,
    private readonly webhooks: WebhookOutbox,
  ) {}

  async run(request: AnalysisRunRequest): Promise<AnalysisRunOutcome> {
    const started = Date.now();
    const asOf = new Date(started);
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (!(await this.analyses.lockExperiment(manager, request.experimentId))) {
        throw new AnalysisBusyError(request.experimentId);
      }

      // Idempotent: a job whose analysis is already written (an earlier attempt committed,
      // then the worker died before acknowledging) returns that analysis.
      const done = await manager.findOneBy(AnalysisEntity, { jobId: request.jobId, status: 'succeeded' });
      if (done) return { kind: 'analysed' as const, analysisId: done.id, final: done.verdictFinal };

      const experiment = await manager.findOneBy(ExperimentEntity, { id: request.experimentId });
      if (!experiment) throw new AnalysisGoneError(`experiment ${request.experimentId} no longer exists`);
      if (request.trigger === 'scheduled' && experiment.status !== 'running') {
        return { kind: 'skipped' as const, reason: `experiment is ${experiment.status}`, final: true };
      }
      return this.analyse(manager, request, experiment, asOf, started);
    });

    // A final verdict ends the schedule (no more looks); so does a stale schedule of an
    // experiment that is no longer running.
    if (outcome.final) await this.queue.unschedule(request.experimentId);
    if (outcome.kind === 'skipped') return { kind: 'skipped', reason: outcome.reason };
    return { kind: 'analysed', analysisId: outcome.analysisId };
  }

  /** Keeps a failed attempt visible with its error; a later successful attempt replaces it. */
  async recordFailure(request: AnalysisRunRequest, error: unknown, durationMs: number): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.dataSource.transaction(async (manager) => {
      await this.analyses.recordFailure(manager, {
        experimentId: request.experimentId,
        jobId: request.jobId,
        trigger: request.trigger,
        error: message,
        attempt: request.attempt,
        durationMs,
      });
      // Webhooks: `analysis.failed` once the retries are spent, with the failure row (outbox).
      const experiment = request.lastAttempt ? await manager.findOneBy(ExperimentEntity, { id: request.experimentId }) : null;
      if (experiment) {
        await this.webhooks.analysisFailed(manager, experiment, { jobId: request.jobId, attempts: request.attempt, error: message });
      }
    });
  }

  private async analyse(
    manager: EntityManager,
    request: AnalysisRunRequest,
    experiment: ExperimentEntity,
    asOf: Date,
    started: number,
  ) {
    const flow = await manager.findOneByOrFail(FlowEntity, { id: experiment.flowId });
    const version = await manager.findOneByOrFail(HypothesisVersionEntity, {
      hypothesisId: experiment.hypothesisId,
      version: experiment.hypothesisVersion,
    });
    const previous = await manager.findOne(AnalysisEntity, {
      where: { experimentId: experiment.id, status: 'succeeded' },
      order: { ranAt: 'DESC' },
    });

    const metrics = await this.stepMetrics.run(
      manager,
      {
        experimentId: experiment.id,
        flowKey: flow.key,
        steps: flow.steps,
        asOf,
        lookbackDays: experiment.varianceReductionMethod === 'cuped' ? experiment.lookbackDays : null,
      },
      experiment.variants.map((variant) => variant.key),
    );
    const plan: AnalysisPlan = {
      method: experiment.method,
      alpha: experiment.alpha,
      plannedSampleSize: experiment.plannedSampleSize,
      baselineRate: experiment.baselineRate,
      variants: experiment.variants,
      primaryStepKey: version.primaryStepKey,
      guardrailStepKeys: version.guardrailStepKeys ?? [],
      expectedDirection: version.expectedDirection,
      minimumEffect: version.minimumEffect,
    };
    const { verdict, postDecision, ...computed } = analyse({
      plan,
      steps: flow.steps,
      counts: metrics,
      previous: previous && { sequentialState: previous.sequentialState, verdict: previous.results?.verdict ?? null },
      asOf,
      stopped: request.trigger === 'final',
    });

    const analysisId = randomUUID();
    const results: Results = {
      analysisId,
      experimentKey: experiment.key,
      ranAt: asOf.toISOString(),
      trigger: request.trigger,
      durationMs: 0,
      postDecision,
      srm: computed.srm,
      progress: computed.progress,
      verdict,
      steps: computed.steps,
    };

    // The row first; then the hypothesis, in the same transaction and still under the
    // experiment's lock, so verdicts reach it in the order of the analyses and never point at
    // an analysis that was rolled back.
    results.durationMs = Date.now() - started;
    await manager.delete(AnalysisEntity, { jobId: request.jobId, status: 'failed' });
    await manager.insert(AnalysisEntity, {
      id: analysisId,
      experimentId: experiment.id,
      jobId: request.jobId,
      trigger: request.trigger,
      status: 'succeeded',
      error: null,
      attempts: request.attempt,
      ranAt: asOf,
      durationMs: results.durationMs,
      verdictStatus: verdict.status,
      verdictFinal: verdict.final,
      postDecision,
      results,
      sequentialState: computed.sequentialState,
    });
    // Webhooks: `experiment.srm_detected` when this analysis is the first in a row to flag a mismatch (outbox).
    if (computed.srm.flagged && !previous?.results?.srm.flagged) {
      await this.webhooks.srmDetected(manager, experiment, analysisId, computed.srm, computed.progress.unitsPerVariant);
    }
    if (!postDecision) {
      const computedVerdict = {
        hypothesisId: experiment.hypothesisId,
        version: experiment.hypothesisVersion,
        status: verdict.status,
        reason: verdict.reason,
        analysisId,
        experimentKey: experiment.key,
      };
      await this.hypotheses.applyComputedVerdict(computedVerdict, manager);
    }
    this.logger.log(
      `analysis ${analysisId} of ${experiment.key} (${request.trigger}): ${verdict.status} in ${results.durationMs} ms`,
    );
    return { kind: 'analysed' as const, analysisId, final: verdict.final };
  }
}
