import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  analyse,
  count,
  expectationsSentence,
  judgeExpectation,
  OUTSIDE_AUDIENCE,
  type AnalysisCounts,
  type ExpectationState,
  type Results,
  type StoredBreakdown,
} from '@verdict/shared';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisVersionEntity } from '../hypotheses/hypothesis-version.entity';
import { HypothesisStatusService } from '../hypotheses/hypothesis-status.service';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';
import type { AnalysisTriggerKind } from '../jobs/queue.constants';
import { AnalysesQuery } from './analyses.query';
import { AnalysisEntity } from './analysis.entity';
import { analysisPlan } from './analysis-plan';
import { StepMetricsQuery, type StepMetrics } from './step-metrics.query';
import { breakdownCohorts, type BreakdownCohort } from './breakdown.query';
import { breakdownRows, type BreakdownRowsInput, groupCounts, membershipGroups, outsideOf } from './cohort-breakdown';
import type { ExpectationChangeInput } from '../hypotheses/hypothesis-status.service';
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

    // Every cohort that can match someone, counted in the same pass (docs/analysis.md, "Cohort learning").
    const expectations = version.cohortExpectations ?? [];
    const audienceKey = version.cohortKey;
    const named = [...new Set([...(audienceKey ? [audienceKey] : []), ...expectations.map((e) => e.cohortKey)])];
    const cohorts = await breakdownCohorts(manager, named);
    const variantKeys = experiment.variants.map((variant) => variant.key);
    const metrics = await this.stepMetrics.run(
      manager,
      {
        experimentId: experiment.id,
        flowKey: flow.key,
        steps: flow.steps,
        asOf,
        lookbackDays: experiment.varianceReductionMethod === 'cuped' ? experiment.lookbackDays : null,
        groups: cohorts.length > 0 ? membershipGroups(cohorts) : undefined,
      },
      variantKeys,
    );
    const stepKeys = flow.steps.map((step) => step.key);
    const groupOf = (key: string) => {
      const index = cohorts.findIndex((cohort) => cohort.key === key);
      return index >= 0 ? metrics.groups?.[index] : undefined;
    };
    const countsOf = (key: string): AnalysisCounts => groupCounts(groupOf(key), variantKeys, stepKeys, metrics.firstAssignedAt);
    // With an audience, the verdict is judged on the audience's units only.
    const judged: AnalysisCounts = audienceKey ? countsOf(audienceKey) : metrics;
    const plan = analysisPlan(experiment, version);
    const { verdict, postDecision, ...computed } = analyse({
      plan,
      steps: flow.steps,
      counts: judged,
      previous: previous && { sequentialState: previous.sequentialState, verdict: previous.results?.verdict ?? null },
      asOf,
      stopped: request.trigger === 'final',
    });

    const control = experiment.variants.find((variant) => variant.control)!;
    const treatmentKeys = experiment.variants.filter((variant) => !variant.control).map((variant) => variant.key);
    const breakdown = this.breakdown({ metrics, cohorts, audienceKey, variantKeys, stepKeys, controlKey: control.key, treatmentKeys, alpha: experiment.alpha });
    // Each expectation's state, carried from one analysis to the next under "cohortKey:stepKey".
    const stateKey = (e: { cohortKey: string; stepKey: string }) => `${e.cohortKey}:${e.stepKey}`;
    const previousState = previous?.breakdown?.expectationState ?? {};
    const expectationState: Record<string, ExpectationState> = {};
    const expectationResults = expectations.map((expectation) => {
      const key = stateKey(expectation);
      const { result, state } = judgeExpectation({
        expectation,
        counts: countsOf(expectation.cohortKey).steps[expectation.stepKey] ?? {},
        controlKey: control.key,
        treatmentKeys,
        alpha: experiment.alpha,
        power: experiment.power,
        expectations: expectations.length,
        defaultMinimumEffect: version.minimumEffect,
        previous: previousState[key] ?? null,
        srmFlagged: computed.srm.flagged,
        stopped: request.trigger === 'final',
      });
      expectationState[key] = state;
      return result;
    });
    // Units judged (the audience's) and analysed (everyone's).
    const sum = (units: Record<string, number>) => Object.values(units).reduce((a, b) => a + b, 0);
    const inside = sum(judged.units);
    const all = sum(metrics.units);
    if (!postDecision) {
      // The reason says what the verdict was judged on and where the expectations stand; neither changes it.
      // Cohorts by name, as a PM reads them ("Enterprise", not its key).
      const nameOf = (key: string) => cohorts.find((cohort) => cohort.key === key)?.name ?? key;
      if (audienceKey) {
        verdict.reason +=
          inside === all
            ? ` Judged on the audience cohort ${nameOf(audienceKey)} (all ${count(all)} units).`
            : ` Judged on the audience cohort ${nameOf(audienceKey)} (${count(inside)} of ${count(all)} units; the others are in the breakdown as ${OUTSIDE_AUDIENCE}).`;
      }
      if (expectationResults.length > 0) verdict.reason += ` Cohort expectations: ${expectationsSentence(expectationResults, nameOf)}.`;
    }

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
      audience: audienceKey ? { cohortKey: audienceKey, units: inside, outsideUnits: all - inside } : null,
      expectations: expectationResults,
    };
    const stored: StoredBreakdown = { audienceCohortKey: audienceKey, cohorts: breakdown, expectations: expectationResults, expectationState };

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
      breakdown: stored,
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
    const changes: ExpectationChangeInput[] = expectationResults
      .map((expectation) => ({ expectation, from: previousState[stateKey(expectation)]?.status ?? null }))
      // A first look that finds it running is no change.
      .filter(({ expectation, from }) => expectation.status !== (from ?? 'running'))
      .map(({ expectation, from }) => ({
        hypothesisId: experiment.hypothesisId,
        version: experiment.hypothesisVersion,
        analysisId,
        experimentKey: experiment.key,
        from,
        expectation,
      }));
    await this.hypotheses.recordExpectationChanges(manager, changes);
    this.logger.log(
      `analysis ${analysisId} of ${experiment.key} (${request.trigger}): ${verdict.status} in ${results.durationMs} ms`,
    );
    return { kind: 'analysed' as const, analysisId, final: verdict.final };
  }

  /** The stored breakdown rows: every cohort with units, then the units outside the audience. */
  private breakdown(input: {
    metrics: StepMetrics;
    cohorts: BreakdownCohort[];
    audienceKey: string | null;
    variantKeys: string[];
    stepKeys: string[];
    controlKey: string;
    treatmentKeys: string[];
    alpha: number;
  }) {
    const { metrics, cohorts, audienceKey } = input;
    const rows: BreakdownRowsInput['rows'] = cohorts.flatMap((cohort, i) => {
      const counts = metrics.groups?.[i];
      return counts ? [{ cohortKey: cohort.key, name: cohort.name, kind: cohort.kind, label: cohort.name, counts }] : [];
    });
    if (audienceKey) {
      const audience = metrics.groups?.[cohorts.findIndex((cohort) => cohort.key === audienceKey)];
      rows.push({
        cohortKey: OUTSIDE_AUDIENCE,
        name: 'Outside the audience',
        kind: OUTSIDE_AUDIENCE,
        label: 'the units outside the audience',
        counts: outsideOf(metrics, audience),
      });
    }
    return breakdownRows({ ...input, rows, total: metrics });
  }
}
