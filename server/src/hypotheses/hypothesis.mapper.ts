import type { ExpectationChange, ExperimentSummary, Hypothesis, HypothesisSummary, HypothesisVersion, StatusChange } from '@verdict/shared';
import { HypothesisExpectationChangeEntity } from './hypothesis-expectation-change.entity';
import { HypothesisStatusChangeEntity } from './hypothesis-status-change.entity';
import { HypothesisVersionEntity } from './hypothesis-version.entity';
import { HypothesisEntity } from './hypothesis.entity';

/** Needs `hypothesis.flow` loaded. Verdicts of earlier versions stay in the history, not here. */
export function toHypothesisSummary(hypothesis: HypothesisEntity): HypothesisSummary {
  const computed = hypothesis.computedVerdict;
  const manual = hypothesis.manualVerdict;
  return {
    id: hypothesis.id,
    title: hypothesis.title,
    statement: hypothesis.statement,
    metricArea: hypothesis.metricArea,
    flowKey: hypothesis.flow?.key ?? '',
    primaryStepKey: hypothesis.primaryStepKey,
    expectedDirection: hypothesis.expectedDirection,
    minimumEffect: hypothesis.minimumEffect,
    cohortKey: hypothesis.cohortKey,
    guardrailStepKeys: hypothesis.guardrailStepKeys,
    cohortExpectations: hypothesis.cohortExpectations ?? [],
    impact: hypothesis.impact,
    confidence: hypothesis.confidence,
    ease: hypothesis.ease,
    score: hypothesis.impact * hypothesis.confidence * hypothesis.ease,
    owner: hypothesis.owner,
    evidence: hypothesis.evidence,
    version: hypothesis.version,
    status: hypothesis.status,
    computedVerdict:
      computed && computed.version === hypothesis.version
        ? { status: computed.status, reason: computed.reason, analysisId: computed.analysisId, at: computed.at }
        : null,
    manualVerdict:
      manual && manual.version === hypothesis.version
        ? { status: manual.status, note: manual.note, actor: manual.actor, at: manual.at }
        : null,
    createdAt: hypothesis.createdAt.toISOString(),
    updatedAt: hypothesis.updatedAt.toISOString(),
  };
}

export function toHypothesisVersion(version: HypothesisVersionEntity): HypothesisVersion {
  return {
    version: version.version,
    statement: version.statement,
    primaryStepKey: version.primaryStepKey,
    expectedDirection: version.expectedDirection,
    minimumEffect: version.minimumEffect,
    cohortKey: version.cohortKey,
    guardrailStepKeys: version.guardrailStepKeys,
    cohortExpectations: version.cohortExpectations ?? [],
    note: version.note,
    createdAt: version.createdAt.toISOString(),
  };
}

export function toStatusChange(change: HypothesisStatusChangeEntity): StatusChange {
  return {
    from: change.fromStatus,
    to: change.toStatus,
    version: change.version,
    source: change.source,
    actor: change.actor,
    reason: change.reason,
    analysisId: change.analysisId,
    experimentKey: change.experimentKey,
    at: change.at.toISOString(),
  };
}

export function toHypothesis(
  hypothesis: HypothesisEntity,
  versions: HypothesisVersionEntity[],
  history: HypothesisStatusChangeEntity[],
  experiments: ExperimentSummary[],
  expectationHistory: HypothesisExpectationChangeEntity[] = [],
): Hypothesis {
  return {
    ...toHypothesisSummary(hypothesis),
    versions: versions.map(toHypothesisVersion),
    statusHistory: history.map(toStatusChange),
    expectationHistory: expectationHistory.map(toExpectationChange),
    experiments,
  };
}

export function toExpectationChange(change: HypothesisExpectationChangeEntity): ExpectationChange {
  return {
    version: change.version,
    cohortKey: change.cohortKey,
    stepKey: change.stepKey,
    direction: change.direction,
    from: change.fromStatus,
    to: change.toStatus,
    reason: change.reason,
    analysisId: change.analysisId,
    experimentKey: change.experimentKey,
    at: change.at.toISOString(),
  };
}
