import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import {
  binomialCdf,
  relativeRisk,
  type FlowInsights,
  type JourneyExpectationInput,
  type JourneyExpectations,
  type JourneyHealth,
  type JourneyHealthHistoryItem,
  type JourneyMeasurement,
} from '@verdict/shared';
import { CohortEntity } from '../cohorts/cohort.entity';
import { FieldProblem, InvalidFieldError, NotFoundError } from '../common/domain-error';
import { FlowEntity } from '../flows/flow.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { ExpectationsQuery } from './expectations.query';
import { HealthQuery } from './health.query';
import { InsightsQuery } from './insights.query';
import { JourneyEscalationEntity } from './journey-escalation.entity';
import { JourneyExpectationEntity } from './journey-expectation.entity';
import { JourneyHealthCheckEntity } from './journey-health-check.entity';

const DAY_MS = 24 * 3600 * 1000;
/** An escalation needs at least this many closed windows: fewer cannot tell a bad week from noise. */
export const MIN_ESCALATION_UNITS = 30;
/** One-sided exact binomial p-value under which a cohort is escalated. */
export const ESCALATION_P_VALUE = 0.01;
/** Measurements returned as history, newest kept. */
const HISTORY_LIMIT = 1000;

/** Which steps go with an outcome, and whether each persona's journey meets its expectations (docs/api.md, "Journeys"). */
@Injectable()
export class JourneysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(FlowEntity) private readonly flows: Repository<FlowEntity>,
    @InjectRepository(CohortEntity) private readonly cohorts: Repository<CohortEntity>,
    @InjectRepository(JourneyExpectationEntity) private readonly expectations: Repository<JourneyExpectationEntity>,
    @InjectRepository(JourneyHealthCheckEntity) private readonly checks: Repository<JourneyHealthCheckEntity>,
    @InjectRepository(JourneyEscalationEntity) private readonly escalations: Repository<JourneyEscalationEntity>,
    private readonly insightsQuery: InsightsQuery,
    private readonly healthQuery: HealthQuery,
    private readonly expectationsQuery: ExpectationsQuery,
    private readonly outbox: WebhookOutbox,
  ) {}

  async insights(flowKey: string, query: { outcome: string; days: number; cohort?: string }, now = new Date()): Promise<FlowInsights> {
    const flow = await this.flow(flowKey);
    const stepKeys = flow.steps.map((s) => s.key);
    const outcomeIndex = stepKeys.indexOf(query.outcome);
    const problems: FieldProblem[] = [];
    if (outcomeIndex < 0) problems.push({ field: 'outcome', reason: `must be a step of flow "${flowKey}" (${stepKeys.join(', ')})` });
    const cohort = query.cohort === undefined ? null : await this.cohorts.findOne({ where: { key: query.cohort } });
    if (query.cohort !== undefined && !cohort) problems.push({ field: 'cohort', reason: `unknown cohort "${query.cohort}"` });
    if (problems.length) throw new InvalidFieldError(problems);

    const counts = await this.insightsQuery.counts(
      { flowKey, stepKeys, from: new Date(now.getTime() - query.days * DAY_MS), to: now, cohort },
      outcomeIndex + 1,
    );
    return {
      outcome: query.outcome,
      days: query.days,
      cohort: query.cohort ?? null,
      units: counts.units,
      steps: stepKeys.map((stepKey, i) => {
        const { reached, reachedOutcome, notReachedOutcome } = counts.steps[i];
        const risk = relativeRisk({
          exposedOutcome: reachedOutcome,
          exposedNoOutcome: reached - reachedOutcome,
          unexposedOutcome: notReachedOutcome,
          unexposedNoOutcome: counts.units - reached - notReachedOutcome,
        });
        const isOutcome = i === outcomeIndex;
        return {
          stepKey,
          reached,
          shareReached: counts.units > 0 ? reached / counts.units : 0,
          outcomeRateReached: risk.riskExposed,
          outcomeRateNotReached: risk.riskUnexposed,
          relativeRisk: isOutcome ? null : risk.relativeRisk,
          ci: isOutcome ? null : risk.ci,
        };
      }),
    };
  }

  async getExpectations(flowKey: string): Promise<JourneyExpectations> {
    const flow = await this.flow(flowKey);
    const { expectations, cohorts } = await this.expectationsWithCohorts(flow.id);
    return {
      flowKey,
      expectations: expectations.map((e) => ({
        cohortKey: cohorts.get(e.cohortId)!.key,
        stepKey: e.stepKey,
        expectedRate: e.expectedRate,
        windowDays: e.windowDays,
      })),
    };
  }

  /** Replaces the flow's expectations; an open escalation of an expectation that goes away is closed with it. */
  async setExpectations(flowKey: string, items: JourneyExpectationInput[]): Promise<JourneyExpectations> {
    const flow = await this.flow(flowKey);
    const stepKeys = new Set(flow.steps.map((s) => s.key));
    const cohortKeys = [...new Set(items.map((e) => e.cohortKey))];
    const cohorts = cohortKeys.length ? await this.cohorts.find({ where: { key: In(cohortKeys) } }) : [];
    const cohortId = new Map(cohorts.map((c) => [c.key, c.id]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const at = `expectations[${i}]`;
      if (!cohortId.has(item.cohortKey)) problems.push({ field: `${at}.cohortKey`, reason: `unknown cohort "${item.cohortKey}"` });
      if (!stepKeys.has(item.stepKey)) problems.push({ field: `${at}.stepKey`, reason: `must be a step of flow "${flowKey}"` });
      if (!(item.expectedRate > 0 && item.expectedRate < 1)) {
        problems.push({ field: `${at}.expectedRate`, reason: 'must lie strictly between 0 and 1' });
      }
      const pair = `${item.cohortKey}\u0000${item.stepKey}`;
      if (seen.has(pair)) problems.push({ field: at, reason: 'repeats the cohort and step of an earlier expectation' });
      seen.add(pair);
    });
    if (problems.length) throw new InvalidFieldError(problems);

    await this.dataSource.transaction(async (manager) => {
      await this.expectationsQuery.lockFlow(manager, flow.id);
      await manager.delete(JourneyExpectationEntity, { flowId: flow.id });
      await manager.insert(
        JourneyExpectationEntity,
        items.map((item, position) => ({
          flowId: flow.id,
          cohortId: cohortId.get(item.cohortKey)!,
          stepKey: item.stepKey,
          expectedRate: item.expectedRate,
          windowDays: item.windowDays,
          position,
        })),
      );
      await this.expectationsQuery.closeOrphanedEscalations(manager, flow.id);
    });
    // What was stored, as given.
    return {
      flowKey,
      expectations: items.map(({ cohortKey, stepKey, expectedRate, windowDays }) => ({ cohortKey, stepKey, expectedRate, windowDays })),
    };
  }

  /** The flow keys that have expectations (what the daily check runs over). */
  flowsWithExpectations(): Promise<string[]> {
    return this.expectationsQuery.flowKeysWithExpectations();
  }

  /**
   * Measures every expectation of the flow, stores the measurements, and opens or closes
   * escalations: one opens when, over at least 30 closed windows, the exact binomial chance of
   * so few reaching the step at the expected rate is below 0.01; an open one closes when a
   * check finds the observed rate back at or above the expectation. Webhook events are written
   * in the same transaction.
   */
  async check(flowKey: string, now = new Date()): Promise<JourneyMeasurement[]> {
    const flow = await this.flow(flowKey);
    const { expectations, cohorts } = await this.expectationsWithCohorts(flow.id);
    const trigger = flow.steps[0].key;
    // Each reading is stored as a check, sent in the webhooks and returned, field for field.
    const measured: {
      expectation: JourneyExpectationEntity;
      cohort: CohortEntity;
      reading: Omit<JourneyMeasurement, 'cohortKey'>;
    }[] = [];
    for (const expectation of expectations) {
      const cohort = cohorts.get(expectation.cohortId)!;
      const { units, reached } = await this.healthQuery.measure({
        flowKey,
        triggerStepKey: trigger,
        stepKey: expectation.stepKey,
        windowDays: expectation.windowDays,
        cohort,
        now,
      });
      measured.push({
        expectation,
        cohort,
        reading: {
          stepKey: expectation.stepKey,
          expectedRate: expectation.expectedRate,
          windowDays: expectation.windowDays,
          units,
          reached,
          observedRate: units > 0 ? reached / units : null,
          pValue: units > 0 ? binomialCdf(reached, units, expectation.expectedRate) : null,
        },
      });
    }

    await this.dataSource.transaction(async (manager) => {
      await this.expectationsQuery.lockFlow(manager, flow.id);
      for (const { expectation, cohort, reading } of measured) {
        await manager.insert(JourneyHealthCheckEntity, { flowId: flow.id, cohortId: cohort.id, ...reading, checkedAt: now });
        const open = await manager.findOne(JourneyEscalationEntity, {
          where: { flowId: flow.id, cohortId: cohort.id, stepKey: expectation.stepKey, status: 'open' },
        });
        const event = {
          flow: { id: flow.id, key: flow.key, name: flow.name },
          cohort: { key: cohort.key, name: cohort.name },
          ...reading,
        };
        if (!open && reading.units >= MIN_ESCALATION_UNITS && reading.pValue !== null && reading.pValue < ESCALATION_P_VALUE) {
          await manager.insert(JourneyEscalationEntity, {
            flowId: flow.id,
            cohortId: cohort.id,
            stepKey: expectation.stepKey,
            status: 'open',
            openedAt: now,
            closedAt: null,
          });
          await this.outbox.journeyHealthEscalated(manager, event);
        } else if (open && reading.observedRate !== null && reading.observedRate >= expectation.expectedRate) {
          await manager.update(JourneyEscalationEntity, { id: open.id }, { status: 'closed', closedAt: now });
          await this.outbox.journeyHealthRecovered(manager, { ...event, openedAt: open.openedAt.toISOString() });
        }
      }
    });
    return measured.map(({ cohort, reading }) => ({ cohortKey: cohort.key, ...reading }));
  }

  async health(flowKey: string): Promise<JourneyHealth> {
    const flow = await this.flow(flowKey);
    const { expectations, cohorts } = await this.expectationsWithCohorts(flow.id);
    const pair = (row: { cohortId: string; stepKey: string }) => `${row.cohortId}\u0000${row.stepKey}`;
    const wanted = new Set(expectations.map(pair));
    const rows = (await this.checks.find({ where: { flowId: flow.id }, order: { checkedAt: 'DESC' }, take: HISTORY_LIMIT }))
      .filter((row) => wanted.has(pair(row)))
      .reverse();
    const escalations = await this.escalations.find({ where: { flowId: flow.id }, order: { openedAt: 'ASC' } });
    // Oldest first, so the last one of each expectation wins.
    const latestCheck = new Map(rows.map((row) => [pair(row), row]));
    const latestEscalation = new Map(escalations.map((escalation) => [pair(escalation), escalation]));

    const history: JourneyHealthHistoryItem[] = rows.map((row) => ({
      cohortKey: cohorts.get(row.cohortId)!.key,
      stepKey: row.stepKey,
      expectedRate: row.expectedRate,
      windowDays: row.windowDays,
      units: row.units,
      reached: row.reached,
      observedRate: row.observedRate,
      pValue: row.pValue,
      checkedAt: row.checkedAt.toISOString(),
    }));
    const latestChecked = rows.length ? rows[rows.length - 1].checkedAt.toISOString() : null;
    return {
      checkedAt: latestChecked,
      expectations: expectations.map((e) => {
        const latest = latestCheck.get(pair(e));
        const escalation = latestEscalation.get(pair(e));
        return {
          cohortKey: cohorts.get(e.cohortId)!.key,
          stepKey: e.stepKey,
          expectedRate: e.expectedRate,
          windowDays: e.windowDays,
          units: latest?.units ?? 0,
          reached: latest?.reached ?? 0,
          observedRate: latest?.observedRate ?? null,
          pValue: latest?.pValue ?? null,
          checkedAt: latest ? latest.checkedAt.toISOString() : null,
          escalation: escalation
            ? {
                status: escalation.status,
                openedAt: escalation.openedAt.toISOString(),
                closedAt: escalation.closedAt ? escalation.closedAt.toISOString() : null,
              }
            : null,
        };
      }),
      history,
    };
  }

  /** 404 for an unknown flow. */
  async flow(key: string): Promise<FlowEntity> {
    const flow = await this.flows.findOne({ where: { key } });
    if (!flow) throw new NotFoundError('flow', key);
    return flow;
  }

  /** The flow's expectations in their order, and their cohorts by id. */
  private async expectationsWithCohorts(
    flowId: string,
  ): Promise<{ expectations: JourneyExpectationEntity[]; cohorts: Map<string, CohortEntity> }> {
    const expectations = await this.expectations.find({ where: { flowId }, order: { position: 'ASC' } });
    const ids = [...new Set(expectations.map((e) => e.cohortId))];
    const rows = ids.length === 0 ? [] : await this.cohorts.find({ where: { id: In(ids) } });
    return { expectations, cohorts: new Map(rows.map((c) => [c.id, c])) };
  }
}
